import { contract } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { chinaMorning, county, fileReport, type Region, type StaffFixture, staffAccount, township, village } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { type Caller, startTestApp, type TestApp } from './support/test-app.js';

/** 督办 and 催办: the county presses a township's late case; the township answers the 督办 on its own clock. */
describe.each(DATABASE_KINDS)('case supervision on %s', (kind) => {
  let t: TestApp;
  let dongshan: Region;
  let handler: StaffFixture;
  let countyStaff: StaffFixture;
  let late: { reportNo: string; queryCode: string };
  beforeAll(async () => {
    t = await startTestApp(kind);
    const home = await county(t);
    const taoyuan = await township(t, home);
    dongshan = await village(t, taoyuan);
    handler = await staffAccount(t, 'township_handler', taoyuan);
    countyStaff = await staffAccount(t, 'county_supervisor', home);
    // A petition filed on 1 Sep must be accepted by 16 Sep: on the 20th it is overdue.
    on('2026-09-01');
    late = await fileReport(t, dongshan, { track: 'petition' });
    on('2026-09-20');
  });
  afterAll(async () => {
    await t?.close();
  });
  const on = (date: string) => t.clock.set(chinaMorning(date));
  const detail = async (as: Caller, reportNo = late.reportNo) => (await t.call(contract.case.get, { params: { reportNo } }, as)).body;
  const supervise = (body: { text: string; dueOn: string; idempotencyKey?: string }, reportNo = late.reportNo) =>
    t.call(contract.case.supervise, { params: { reportNo }, body }, countyStaff);
  const todo = async (as: Caller) => (await t.call(contract.case.list, { query: { todo: 'true' } }, as)).body.items.map((c) => c.reportNo);
  const alerts = async (as: Caller) => (await t.call(contract.case.alerts, {}, as)).body.items;
  const INSTRUCTION = '请于5日内核实补贴发放名单并书面回复县纪委';

  it('lets only the county 督办 a late case, within the dates it may set', async () => {
    expect((await detail(countyStaff)).supervisionActions).toEqual(['supervise', 'urge']);
    expect((await detail(handler)).supervisionActions).toEqual([]);
    // A case on time is the township's own business.
    const fresh = await fileReport(t, dongshan, { track: 'petition' });
    expect((await detail(countyStaff, fresh.reportNo)).supervisionActions).toEqual([]);
    const early = await supervise({ text: INSTRUCTION, dueOn: '2026-09-25' }, fresh.reportNo);
    expect(early.status).toBe(409);
    expect(early.error.code).toBe('ACTION_NOT_ALLOWED');
    // The answer is due from tomorrow to 30 days on.
    for (const dueOn of ['2026-09-20', '2026-10-21']) {
      const refused = await supervise({ text: INSTRUCTION, dueOn });
      expect(refused.status).toBe(400);
      expect(refused.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'body.dueOn' }] });
    }
    expect((await supervise({ text: '太短', dueOn: '2026-09-25' })).status).toBe(400);
    // The township cannot 督办.
    const byTownship = await t.call(
      contract.case.supervise,
      { params: { reportNo: late.reportNo }, body: { text: INSTRUCTION, dueOn: '2026-09-25' } },
      handler,
    );
    expect(byTownship.status).toBe(403);
  });

  it("puts the 督办 on the township's 待办 with its own clock, once for a retried request", async () => {
    const first = await supervise({ text: INSTRUCTION, dueOn: '2026-09-25', idempotencyKey: 'supervise-late-0001' });
    expect(first.status).toBe(200);
    const retry = await supervise({ text: INSTRUCTION, dueOn: '2026-09-25', idempotencyKey: 'supervise-late-0001' });
    expect(retry.status).toBe(200);
    expect(retry.body.supervisions).toHaveLength(1);
    // A retry that comes late, on the very last day, is answered as the first was.
    on('2026-09-25');
    expect((await supervise({ text: INSTRUCTION, dueOn: '2026-09-25', idempotencyKey: 'supervise-late-0001' })).status).toBe(200);
    on('2026-09-20');
    const second = await supervise({ text: INSTRUCTION, dueOn: '2026-09-28' });
    expect(second.status).toBe(409);
    expect(second.error.code).toBe('SUPERVISION_PENDING');

    const seen = await detail(handler);
    expect(seen.supervisionActions).toEqual(['answer']);
    expect(seen.supervisions).toEqual([
      expect.objectContaining({
        kind: 'supervise',
        text: INSTRUCTION,
        due: expect.objectContaining({ kind: 'supervision', dueOn: '2026-09-25', daysLeft: 5, unit: 'calendar', left: 5, overdue: false }),
        answer: null,
      }),
    ]);
    const rows = (await t.call(contract.case.list, { query: { todo: 'true' } }, handler)).body.items;
    const row = rows.find((c) => c.reportNo === late.reportNo);
    expect(row?.supervisionDue).toMatchObject({ dueOn: '2026-09-25', daysLeft: 5 });
    expect(row?.townshipName).not.toBe('');
    expect(await alerts(handler)).toContainEqual(
      expect.objectContaining({ reportNo: late.reportNo, kind: 'supervised', deadline: 'supervision', note: INSTRUCTION }),
    );
    // Once 督办ed and not yet late, it leaves the county's 待办.
    expect(await todo(countyStaff)).not.toContain(late.reportNo);
  });

  it('shows the reporter only that the county pressed the case', async () => {
    const status = (await t.call(contract.report.lookup, { body: { queryCode: late.queryCode } })).body;
    const text = JSON.stringify(status);
    expect(status.timeline.map((e) => e.text)).toContain('县纪委已督办本件，督促承办单位依规办理');
    expect(text).not.toContain(INSTRUCTION);
    expect(status.dueDates.map((d) => d.kind)).not.toContain('supervision');
  });

  it('sends a 催办 to the township as a dated line and an alert, with no clock', async () => {
    const urged = await t.call(
      contract.case.urge,
      { params: { reportNo: late.reportNo }, body: { text: '请抓紧受理并回复', idempotencyKey: 'urge-late-000001' } },
      countyStaff,
    );
    expect(urged.status).toBe(200);
    expect(urged.body.supervisions.at(-1)).toMatchObject({ kind: 'urge', text: '请抓紧受理并回复', due: null, answer: null });
    expect(urged.body.timeline.at(-1)).toMatchObject({ type: 'urge', publicText: null, internalText: '催办：请抓紧受理并回复' });
    expect(await alerts(handler)).toContainEqual(expect.objectContaining({ kind: 'urged', note: '请抓紧受理并回复', deadline: null }));
  });

  it('shows an overdue 督办 to both, and the county reads the answer', async () => {
    on('2026-09-27');
    for (const as of [handler, countyStaff]) {
      const [supervision] = (await detail(as)).supervisions;
      expect(supervision?.due).toMatchObject({ overdue: true, daysLeft: -2, left: 0 });
    }
    expect(await todo(countyStaff)).toContain(late.reportNo);
    expect(await alerts(countyStaff)).toContainEqual(
      expect.objectContaining({ reportNo: late.reportNo, kind: 'overdue', deadline: 'supervision' }),
    );

    const answer = '已入户核实，名单有误的两户本周内补发到位，经办人已作检讨。';
    const answered = await t.call(
      contract.case.answerSupervision,
      { params: { reportNo: late.reportNo }, body: { text: answer } },
      handler,
    );
    expect(answered.status).toBe(200);
    expect(answered.body.supervisionActions).toEqual([]);
    const county = await detail(countyStaff);
    expect(county.supervisions[0]).toMatchObject({ answer: { text: answer, by: handler.displayName } });
    expect(county.supervisions[0]?.due?.metAt).not.toBeNull();
    expect(county.supervisionActions).toEqual(['supervise', 'urge']);
    // Answered: the county has read it, so even escalated the case does not come back to its 待办 (it may still 督办 again).
    await t.app.get(DataSource).query('UPDATE reports SET escalated = 1 WHERE report_no = ?', [late.reportNo]);
    expect(await todo(countyStaff)).not.toContain(late.reportNo);
    // Nothing left to answer: a second answer is refused.
    const again = await t.call(contract.case.answerSupervision, { params: { reportNo: late.reportNo }, body: { text: answer } }, handler);
    expect(again.status).toBe(409);
    // Every step is in the audit log.
    const audit = await t.app
      .get(DataSource)
      .query<{ action: string }[]>(`SELECT action FROM audit_log WHERE action IN ('supervise', 'urge', 'answer_supervision') ORDER BY id`);
    expect(audit.map((a) => a.action)).toEqual(['supervise', 'urge', 'answer_supervision']);
  });

  it("keeps answered and sent-up cases out of the township's 待办, but not one it is working on", async () => {
    on('2026-09-28');
    const working = await fileReport(t, dongshan);
    const answered = await fileReport(t, dongshan, { track: 'petition' });
    const sentUp = await fileReport(t, dongshan);
    const act = (reportNo: string, body: Parameters<typeof t.call<typeof contract.case.act>>[1]['body']) =>
      t.call(contract.case.act, { params: { reportNo }, body }, handler);
    await act(working.reportNo, { action: 'accept' });
    await act(answered.reportNo, { action: 'accept' });
    await act(answered.reportNo, { action: 'reply', text: '经核查，补贴已按名单重新发放到户。' });
    await act(sentUp.reportNo, { action: 'transfer_up', reason: '涉及乡镇领导，报县纪委' });
    const mine = await todo(handler);
    expect(mine).toContain(working.reportNo);
    expect(mine).not.toContain(sentUp.reportNo);
    expect((await detail(handler, answered.reportNo)).deadlines.filter((d) => !d.metAt && d.kind !== 'review_request')).toEqual([]);
    expect(mine).not.toContain(answered.reportNo);
    // All of them stay reachable in 全部.
    const all = (await t.call(contract.case.list, { query: {} }, handler)).body.items.map((c) => c.reportNo);
    expect(all).toEqual(expect.arrayContaining([working.reportNo, answered.reportNo, sentUp.reportNo]));
    expect(await todo(countyStaff)).toContain(sentUp.reportNo);
  });
});
