import { contract, type RouteInput } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DeadlineSweep } from '../src/modules/case/deadline-sweep.js';
import {
  casework,
  chinaMorning,
  fileReport,
  type Region,
  type StaffFixture,
  TEST_PASSWORD,
  staffAccount,
  township,
  village,
} from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { type Caller, startTestApp, type TestApp } from './support/test-app.js';

type Action = RouteInput<typeof contract.case.act>['body'];

/** The rules that keep a case honest: the reporter's rights, one step at a time, fresh alerts for moved dates. */
describe.each(DATABASE_KINDS)('case safeguards on %s', (kind) => {
  let t: TestApp;
  let qingshui: Region;
  let dongshan: Region;
  let xihe: Region;
  let liutang: Region;
  let admin: StaffFixture;
  let countyStaff: StaffFixture;
  let handler: StaffFixture;
  let shimenHandler: StaffFixture;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const world = await casework(t);
    ({ qingshui, dongshan, handler, countyStaff } = world);
    xihe = await village(t, world.taoyuan);
    liutang = await village(t, world.taoyuan);
    admin = await staffAccount(t, 'admin', qingshui);
    shimenHandler = await staffAccount(t, 'township_handler', await township(t, qingshui));
  });
  afterAll(async () => {
    await t?.close();
  });
  const on = (date: string) => t.clock.set(chinaMorning(date));
  const act = (as: Caller, reportNo: string, body: Action) => t.call(contract.case.act, { params: { reportNo }, body }, as);
  const caseOf = async (reportNo: string) => (await t.call(contract.case.get, { params: { reportNo } }, handler)).body;
  const sweep = () => t.app.get(DeadlineSweep).run();

  it("keeps the reporter's periods open: no closing before they end, no alerts for them, then the sweep files the case away", async () => {
    on('2026-10-09');
    const { reportNo, queryCode } = await fileReport(t, liutang, { track: 'petition' });
    await act(handler, reportNo, { action: 'accept' });
    const replied = await act(handler, reportNo, { action: 'reply', text: '路灯已经修好，请您留意。' });
    expect(replied.body.actions).not.toContain('close');
    expect((await act(handler, reportNo, { action: 'close' })).error.code).toBe('ACTION_NOT_ALLOWED');
    // The reporter has until Mon 9 Nov (30 days end Sun 8 Nov) to rate and to ask for a review;
    // those periods are theirs, not duties of the township.
    const before = (await t.call(contract.report.lookup, { body: { queryCode } })).body;
    expect(before.reviewPath).toBe('如对答复不满意，可在2026年11月9日前申请复查');
    for (const [date, closed] of [
      ['2026-11-06', 0],
      ['2026-11-09', 0],
      ['2026-11-20', 1],
    ] as const) {
      on(date);
      expect(await sweep()).toMatchObject({ dueSoon: 0, overdue: 0, escalated: 0, closed });
    }
    // Unrated when the period to rate ended: the sweep filed it away, once, with a line on the timeline.
    expect((await sweep()).closed).toBe(0);
    const detail = await caseOf(reportNo);
    expect(detail).toMatchObject({ status: 'closed', nextDue: null });
    expect(detail.timeline.at(-1)).toMatchObject({ type: 'close', actor: '系统', publicText: '评价期限已过，本件已办结归档' });
    const lookup = (await t.call(contract.report.lookup, { body: { queryCode } })).body;
    expect(lookup.dueDates.some((d) => d.overdue)).toBe(false);
    expect(lookup.actions).toEqual([]);
    expect(lookup.reviewPath).toBeNull();
  });

  it('applies only one of two ratings sent at once', async () => {
    on('2026-10-12');
    const { reportNo, queryCode } = await fileReport(t, dongshan);
    await act(handler, reportNo, { action: 'accept' });
    await act(handler, reportNo, { action: 'reply', text: '经核查，反映的情况属实，已责令退回。' });
    const answers = await Promise.all([
      t.call(contract.reporter.rate, { body: { queryCode, rating: 'satisfied' } }),
      t.call(contract.reporter.rate, { body: { queryCode, rating: 'unsatisfied' } }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const events = (await caseOf(reportNo)).timeline;
    expect(events.filter((e) => e.type === 'rate')).toHaveLength(1);
  });

  it('raises fresh reminders for a deadline an extension moved, and drops the stale ones', async () => {
    on('2026-10-09');
    const { reportNo } = await fileReport(t, xihe, { track: 'petition' });
    await act(handler, reportNo, { action: 'accept' }); // handling due Tue 8 Dec
    on('2026-12-04');
    expect((await sweep()).dueSoon).toBe(1);
    await act(handler, reportNo, { action: 'request_extension', days: 20, reason: '需要等待县住建局的鉴定结果' });
    await act(countyStaff, reportNo, { action: 'approve_extension' }); // now Mon 28 Dec
    const alerts = async () => (await t.call(contract.case.alerts, {}, handler)).body.items.filter((a) => a.reportNo === reportNo);
    expect(await alerts()).toEqual([]);
    on('2026-12-23');
    expect((await sweep()).dueSoon).toBe(1);
    expect(await alerts()).toMatchObject([{ kind: 'due_soon', due: { dueOn: '2026-12-28' } }]);
  });

  it('keeps an accepted petition accepted, on its handling clock, when the township sends it up', async () => {
    on('2026-10-12');
    const { reportNo, queryCode } = await fileReport(t, dongshan, { track: 'petition' });
    await act(handler, reportNo, { action: 'accept' });
    const sent = await act(handler, reportNo, { action: 'transfer_up', reason: '涉及镇干部，应由县纪委办理' });
    expect(sent.body).toMatchObject({ status: 'accepted', level: 'county' });
    // 60 days from 12 Oct: Fri 11 Dec, still open for the county to meet.
    expect(sent.body.deadlines.map((d) => [d.kind, d.dueOn, d.metAt])).toEqual([
      ['acceptance', '2026-10-27', expect.any(String)],
      ['handling', '2026-12-11', null],
    ]);
    const lookup = (await t.call(contract.report.lookup, { body: { queryCode } })).body;
    expect(lookup.status).toBe('accepted');
    expect(lookup.dueDates.find((d) => d.kind === 'handling')).toMatchObject({ dueOn: '2026-12-11', metAt: null });
    const county = (await t.call(contract.case.get, { params: { reportNo } }, countyStaff)).body;
    expect(county.actions).toEqual(expect.arrayContaining(['conclude', 'reply', 'request_extension']));
    expect(county.actions).not.toContain('accept');
  });

  it('starts the clocks the corrected track runs in the current stage', async () => {
    on('2026-10-09');
    const { reportNo } = await fileReport(t, dongshan, { track: 'accusation' });
    await act(handler, reportNo, { action: 'accept' }); // the accusation rules set no handling clock
    on('2026-10-12');
    const corrected = await act(handler, reportNo, { action: 'reclassify', track: 'petition', reason: '反映的是道路维修，属于问题反映' });
    // 60 days from the acceptance on 9 Oct, not from the correction: Tue 8 Dec.
    expect(corrected.body.deadlines.find((d) => d.kind === 'handling')).toMatchObject({ dueOn: '2026-12-08', metAt: null });
  });

  it('counts every guess of a burst of wrong passwords', async () => {
    on('2026-10-12');
    const login = (password: string) => t.call(contract.staff.login, { body: { username: shimenHandler.username, password } });
    const guesses = await Promise.all(Array.from({ length: 6 }, (_, i) => login(`guess-${i}`)));
    expect(guesses.map((g) => g.error.code)).toContain('LOGIN_THROTTLED');
    expect((await login(TEST_PASSWORD)).error.code).toBe('LOGIN_THROTTLED');
  });

  it('ties each role to its level of region', async () => {
    const wrong = await t.call(
      contract.admin.createAccount,
      { body: { username: 'wide-handler', displayName: '越级者', role: 'township_handler', regionCode: qingshui.code } },
      admin,
    );
    expect(wrong.status).toBe(400);
    expect(wrong.error.details?.[0]).toMatchObject({ field: 'body.regionCode' });
  });
});
