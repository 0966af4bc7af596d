import { contract, type RouteInput } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { casework, chinaMorning, fileReport, type Region, type StaffFixture, staffAccount } from './factories/index.js';
import { DeadlineSweep } from '../src/modules/case/deadline-sweep.js';
import { DATABASE_KINDS } from './support/databases.js';
import { type Caller, startTestApp, type TestApp } from './support/test-app.js';

type Action = RouteInput<typeof contract.case.act>['body'];

/** Extensions as the rules have them, and a case sent up to the county as the reporter and the township see it. */
describe.each(DATABASE_KINDS)('case extensions and sending up on %s', (kind) => {
  let t: TestApp;
  let dongshan: Region;
  let handler: StaffFixture;
  let countyStaff: StaffFixture;
  let secondCountyStaff: StaffFixture;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const world = await casework(t);
    ({ dongshan, handler, countyStaff } = world);
    secondCountyStaff = await staffAccount(t, 'county_supervisor', world.qingshui);
  });
  afterAll(async () => {
    await t?.close();
  });
  const on = (date: string) => t.clock.set(chinaMorning(date));
  const act = (as: Caller, reportNo: string, body: Action) => t.call(contract.case.act, { params: { reportNo }, body }, as);
  const lookup = async (queryCode: string) => (await t.call(contract.report.lookup, { body: { queryCode } })).body;
  const acceptedPetition = async (date: string) => {
    on(date);
    const receipt = await fileReport(t, dongshan, { track: 'petition', category: 'other' });
    await act(handler, receipt.reportNo, { action: 'accept' });
    return receipt;
  };
  const handling = (deadlines: { kind: string; dueOn: string }[]) => deadlines.find((d) => d.kind === 'handling')?.dueOn;

  it('counts an extension from the unmoved end of the period and moves off a day off once, at the end', async () => {
    const { reportNo, queryCode } = await acceptedPetition('2026-08-03');
    // 60 days end Fri 2 Oct, in the National Day holiday: the period alone ends Thu 8 Oct.
    expect(handling((await t.call(contract.case.get, { params: { reportNo } }, handler)).body.deadlines)).toBe('2026-10-08');
    await act(handler, reportNo, { action: 'request_extension', days: 30, reason: '涉及多户村民，需要逐户核实' });
    const approved = await act(countyStaff, reportNo, { action: 'approve_extension' });
    // 60 + 30 days from 3 Aug end Sun 1 Nov, so Mon 2 Nov (not 8 Oct + 30 → Mon 9 Nov).
    expect(handling(approved.body.deadlines)).toBe('2026-11-02');
    const view = await lookup(queryCode);
    expect(handling(view.dueDates)).toBe('2026-11-02');
    expect(view.timeline.map((e) => e.text)).toContain('答复期限已延长至2026年11月2日');
  });

  it('lets the county refuse a request with a reason the reporter reads', async () => {
    const { reportNo, queryCode } = await acceptedPetition('2026-09-01');
    await act(handler, reportNo, { action: 'request_extension', days: 20, reason: '需要等待农业部门的测量结果' });
    const refused = await act(countyStaff, reportNo, { action: 'refuse_extension', reason: '测量结果已经出来，可以按时答复' });
    expect(refused.body).toMatchObject({ extensionRequestedDays: null, extensionUsed: false });
    // 60 days from 1 Sep end Sat 31 Oct, so Mon 2 Nov: unchanged.
    expect(handling(refused.body.deadlines)).toBe('2026-11-02');
    expect((await lookup(queryCode)).timeline.map((e) => e.text)).toEqual(
      expect.arrayContaining([
        '承办单位申请将办理期限延长20天，正在等待审批',
        '延期申请未获批准，理由：测量结果已经出来，可以按时答复。仍须在2026年11月2日前答复您',
      ]),
    );
    // A refused request used nothing up.
    expect((await act(handler, reportNo, { action: 'request_extension', days: 10, reason: '村民又提出新的情况' })).status).toBe(200);
  });

  it('names the real reason a request is refused', async () => {
    on('2026-09-02');
    const accusation = await fileReport(t, dongshan, { track: 'accusation' });
    await act(handler, accusation.reportNo, { action: 'accept' });
    const reason = '需要更多时间调查核实';
    expect((await act(handler, accusation.reportNo, { action: 'request_extension', days: 10, reason })).error.code).toBe(
      'EXTENSION_NOT_PROVIDED',
    );
    const { reportNo } = await acceptedPetition('2026-09-02');
    const tooLong = await act(handler, reportNo, { action: 'request_extension', days: 31, reason });
    expect(tooLong).toMatchObject({ status: 422, error: { code: 'EXTENSION_TOO_LONG' } });
    await act(handler, reportNo, { action: 'request_extension', days: 30, reason });
    expect((await act(handler, reportNo, { action: 'request_extension', days: 5, reason })).error.code).toBe('EXTENSION_PENDING');
    await act(countyStaff, reportNo, { action: 'approve_extension' });
    expect((await act(handler, reportNo, { action: 'request_extension', days: 5, reason })).error.code).toBe('EXTENSION_ALREADY_USED');
  });

  it("needs a second county account for the county's own extension", async () => {
    const { reportNo } = await acceptedPetition('2026-09-03');
    await act(handler, reportNo, { action: 'transfer_up', reason: '涉及镇干部，应由县纪委办理' });
    const requested = await act(countyStaff, reportNo, { action: 'request_extension', days: 30, reason: '需要调取镇里的账目' });
    expect(requested.body.actions).not.toContain('approve_extension');
    expect(requested.body.actions).not.toContain('refuse_extension');
    expect((await act(countyStaff, reportNo, { action: 'approve_extension' })).error.code).toBe('OWN_REQUEST');
    expect((await act(countyStaff, reportNo, { action: 'refuse_extension', reason: '自己驳回自己的申请' })).error.code).toBe('OWN_REQUEST');
    const approved = await act(secondCountyStaff, reportNo, { action: 'approve_extension' });
    expect(approved.body.extensionUsed).toBe(true);
    // 60 + 30 days from 3 Sep: Wed 2 Dec.
    expect(handling(approved.body.deadlines)).toBe('2026-12-02');
  });

  it('ends a pending request when the track is corrected', async () => {
    const { reportNo } = await acceptedPetition('2026-09-04');
    await act(handler, reportNo, { action: 'request_extension', days: 30, reason: '需要逐户核实补贴发放' });
    const corrected = await act(handler, reportNo, {
      action: 'reclassify',
      track: 'accusation',
      reason: '反映的是干部优亲厚友，属于检举控告',
    });
    expect(corrected.body.extensionRequestedDays).toBeNull();
    expect(corrected.body.timeline.at(-1)?.internalText).toContain('待审批的延期申请随之终止');
    expect((await act(countyStaff, reportNo, { action: 'approve_extension' })).error.code).toBe('ACTION_NOT_ALLOWED');
  });

  it('sends reminders and overdue flags to the level handling the case, and lists each deadline once', async () => {
    const { reportNo } = await acceptedPetition('2026-06-01');
    await act(handler, reportNo, { action: 'transfer_up', reason: '涉及镇干部，应由县纪委办理' });
    const alertsOf = async (account: StaffFixture) =>
      (await t.call(contract.case.alerts, {}, account)).body.items.filter((a) => a.reportNo === reportNo);
    // 60 days from 1 Jun: Fri 31 Jul. Three working days before, then overdue, then escalated five working days later.
    for (const date of ['2026-07-28', '2026-08-03', '2026-08-10']) {
      on(date);
      const sweep = () => t.app.get(DeadlineSweep).run();
      // Two sweeps at once on MySQL; SQLite's one connection takes one transaction at a time.
      if (kind === 'mysql') await Promise.all([sweep(), sweep()]);
      else for (const run of [sweep, sweep]) await run();
    }
    expect(await alertsOf(handler)).toEqual([]);
    expect((await alertsOf(countyStaff)).map((a) => [a.kind, a.deadline])).toEqual([['escalated', 'handling']]);
  });

  it('shows the reporter only their own clocks, and the township only the public timeline once the case went up', async () => {
    on('2026-09-07');
    const { reportNo, queryCode } = await fileReport(t, dongshan, { track: 'accusation' });
    await act(handler, reportNo, { action: 'note', text: '先电话了解了情况' });
    const sent = await act(handler, reportNo, { action: 'transfer_up', reason: '涉及村党组织书记，应由县纪委办理' });
    expect(sent.body.status).toBe('submitted');
    await act(countyStaff, reportNo, { action: 'note', text: '县纪委内部：拟约谈村书记' });
    await act(countyStaff, reportNo, { action: 'accept' });

    const county = (await t.call(contract.case.get, { params: { reportNo } }, countyStaff)).body;
    expect(county.deadlines.map((d) => d.kind)).toEqual(expect.arrayContaining(['transfer_up', 'transferred_in']));
    expect(county.timeline.map((e) => e.internalText)).toContain('县纪委内部：拟约谈村书记');

    const township = (await t.call(contract.case.get, { params: { reportNo } }, handler)).body;
    expect(township.timeline.length).toBeGreaterThan(0);
    expect(township.timeline.every((e) => e.publicText !== null && e.internalText === null)).toBe(true);
    expect(township.timeline.map((e) => e.type)).not.toContain('note');

    const view = await lookup(queryCode);
    expect(view.dueDates.map((d) => d.kind)).not.toEqual(expect.arrayContaining(['transfer_up']));
    expect(view.dueDates.every((d) => d.kind !== 'transfer_up' && d.kind !== 'transferred_in')).toBe(true);
    expect(view.dueDates.map((d) => d.kind)).toContain('acceptance');
  });
});
