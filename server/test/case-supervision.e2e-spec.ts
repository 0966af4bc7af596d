import { contract, type RouteInput } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { DeadlineSweep } from '../src/modules/case/deadline-sweep.js';
import { casework, chinaMorning, fileReport, type Region, type StaffFixture, staffAccount, township } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { type Caller, startTestApp, type TestApp } from './support/test-app.js';

/** 督办 and 催办: the county presses a township's late case; the township answers the 督办 on its own clock. */
describe.each(DATABASE_KINDS)('case supervision on %s', (kind) => {
  let t: TestApp;
  let dongshan: Region;
  let handler: StaffFixture;
  let countyStaff: StaffFixture;
  let shimenHandler: StaffFixture;
  let shimen: Region;
  let late: { reportNo: string; queryCode: string };
  /** Late cases the county 督办s before they leave the township: sent up, handed on, sent out, declined. */
  let leaving: Record<'up' | 'township' | 'out' | 'declined', { reportNo: string; queryCode: string }>;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const world = await casework(t);
    ({ dongshan, handler, countyStaff } = world);
    shimen = await township(t, world.qingshui);
    shimenHandler = await staffAccount(t, 'township_handler', shimen);
    // A petition filed on 1 Sep must be accepted by 16 Sep: on the 20th it is overdue.
    on('2026-09-01');
    late = await fileReport(t, dongshan, { track: 'petition' });
    leaving = {
      up: await fileReport(t, dongshan, { track: 'petition' }),
      township: await fileReport(t, dongshan, { track: 'petition' }),
      out: await fileReport(t, dongshan, { track: 'petition' }),
      declined: await fileReport(t, dongshan, { track: 'petition' }),
    };
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
  const act = (as: Caller, reportNo: string, body: RouteInput<typeof contract.case.act>['body']) =>
    t.call(contract.case.act, { params: { reportNo }, body }, as);
  const db = () => t.app.get(DataSource);
  const INSTRUCTION = '请于5日内核实补贴发放名单并书面回复县纪委';

  it('lets only the county 督办 a late case, within the dates it may set', async () => {
    expect((await detail(countyStaff)).supervisionActions).toEqual(['supervise', 'urge']);
    expect((await detail(handler)).supervisionActions).toEqual([]);
    // A case on time is the township's own business.
    const fresh = await fileReport(t, dongshan, { track: 'petition' });
    expect((await detail(countyStaff, fresh.reportNo)).supervisionActions).toEqual([]);
    // What the county may press is on its 待办: overdue at the township, though never escalated; not the case on time.
    expect((await detail(countyStaff)).escalated).toBe(false);
    const countyTodo = await todo(countyStaff);
    expect(countyTodo).toContain(late.reportNo);
    expect(countyTodo).not.toContain(fresh.reportNo);
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
    // The county is told, once, with the answer; the township is not told of its own answer.
    const told = (await alerts(countyStaff)).filter((a) => a.reportNo === late.reportNo && a.kind === 'answered');
    expect(told).toEqual([expect.objectContaining({ note: answer, deadline: null, due: null, at: answered.body.timeline.at(-1)?.at })]);
    expect((await alerts(handler)).map((a) => a.kind)).not.toContain('answered');
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
    const raised = await db().query<{ n: number | string }[]>(
      "SELECT COUNT(*) AS n FROM case_alerts a INNER JOIN reports r ON r.id = a.report_id WHERE a.kind = 'answered' AND r.report_no = ?",
      [late.reportNo],
    );
    expect(Number(raised[0]?.n)).toBe(1);
    // A new 督办 is what the county waits on now: the answer to the first leaves its alerts.
    expect((await supervise({ text: INSTRUCTION, dueOn: '2026-10-05' })).status).toBe(200);
    expect((await alerts(countyStaff)).filter((a) => a.reportNo === late.reportNo && a.kind === 'answered')).toEqual([]);
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

  it('withdraws the 督办 and 催办 when the case is handed to another township, which owes them nothing', async () => {
    on('2026-09-28');
    const { reportNo } = leaving.township;
    expect((await supervise({ text: INSTRUCTION, dueOn: '2026-10-03' }, reportNo)).status).toBe(200);
    await t.call(contract.case.urge, { params: { reportNo }, body: { text: '请抓紧受理此件' } }, countyStaff);
    const moved = await act(handler, reportNo, { action: 'transfer_township', townshipCode: shimen.code, reason: '该事项属石门乡管辖' });
    expect(moved.status).toBe(200);
    const there = await detail(shimenHandler, reportNo);
    expect(there.supervisionActions).toEqual([]);
    expect(there.supervisions[0]).toMatchObject({ kind: 'supervise', endedAt: expect.any(String), answer: null });
    expect(there.timeline.at(-1)).toMatchObject({
      type: 'supervision_ended',
      publicText: null,
      internalText: '案件已转交其他乡镇办理，对原承办单位的督办随之撤销；如有需要，县纪委可对新承办单位另行督办，不再计时',
    });
    expect((await alerts(shimenHandler)).filter((a) => a.reportNo === reportNo).map((a) => a.kind)).toEqual([]);
    const answer = await t.call(
      contract.case.answerSupervision,
      { params: { reportNo }, body: { text: '本乡已接收此件，正在核实情况并将按期办理' } },
      shimenHandler,
    );
    expect(answer.status).toBe(409);
    // Still late: the county may 督办 the new township afresh, and has it on its 待办.
    expect((await detail(countyStaff, reportNo)).supervisionActions).toEqual(['supervise', 'urge']);
    expect(await todo(countyStaff)).toContain(reportNo);
    expect((await supervise({ text: INSTRUCTION, dueOn: '2026-10-05' }, reportNo)).status).toBe(200);
    expect((await detail(shimenHandler, reportNo)).supervisionActions).toEqual(['answer']);
    expect(await todo(countyStaff)).not.toContain(reportNo);
  });

  it.each([
    [
      'out',
      { action: 'transfer_out', to: '县自然资源局', reason: '属土地征收补偿问题，转自然资源部门办理' },
      '案件已转交其他机关办理，督办随之撤销，不再计时',
    ],
    ['declined', { action: 'decline', reason: '反映的问题已由法院判决处理' }, '案件不予受理，督办随之结束，不再计时'],
  ] as const)('ends the open 督办 when the case leaves by %s', async (which, body, note) => {
    on('2026-09-28');
    const { reportNo } = leaving[which];
    expect((await supervise({ text: INSTRUCTION, dueOn: '2026-10-03' }, reportNo)).status).toBe(200);
    expect((await act(handler, reportNo, body)).status).toBe(200);
    const county = await detail(countyStaff, reportNo);
    expect(county.supervisions[0]?.endedAt).toBe(county.timeline.at(-1)?.at);
    expect(county.timeline.at(-1)).toMatchObject({ type: 'supervision_ended', publicText: null, internalText: note });
    expect(await todo(handler)).not.toContain(reportNo);
    const open = await db().query<{ n: number | string }[]>(
      "SELECT COUNT(*) AS n FROM report_deadlines d INNER JOIN reports r ON r.id = d.report_id WHERE d.kind = 'supervision' AND d.met_at IS NULL AND d.cancelled_at IS NULL AND r.report_no = ?",
      [reportNo],
    );
    expect(Number(open[0]?.n)).toBe(0);
  });

  // Last: the sweep below runs a fortnight on.
  it('settles an open 督办 in the step that sends the case up: its clock stops, staff read why, the reporter reads nothing new', async () => {
    on('2026-09-28');
    const { reportNo } = leaving.up;
    expect((await supervise({ text: INSTRUCTION, dueOn: '2026-10-03' }, reportNo)).status).toBe(200);
    const before = await t.call(contract.report.lookup, { body: { queryCode: leaving.up.queryCode } });
    const up = await act(handler, reportNo, { action: 'transfer_up', reason: '涉及镇领导干部，报县纪委办理' });
    expect(up.status).toBe(200);
    const county = await detail(countyStaff, reportNo);
    expect(county.supervisions).toEqual([
      expect.objectContaining({ kind: 'supervise', due: null, answer: null, endedAt: county.timeline.at(-1)?.at }),
    ]);
    const [step, ended] = county.timeline.slice(-2);
    expect(step).toMatchObject({ type: 'transfer_up' });
    expect(ended).toMatchObject({
      type: 'supervision_ended',
      publicText: null,
      internalText: '案件已报送县纪委办理，督办随之结束，不再计时',
    });
    // One transaction: the 督办 ended at the very moment of the step.
    expect(ended?.at).toBe(step?.at);
    expect(county.supervisionActions).toEqual([]);
    // Past the 督办's date, the sweep raises nothing on its clock and nobody is told it is overdue.
    on('2026-10-12');
    await t.app.get(DeadlineSweep).run();
    const raised = await db().query<{ kind: string }[]>(
      "SELECT a.kind FROM case_alerts a INNER JOIN report_deadlines d ON d.id = a.deadline_id INNER JOIN reports r ON r.id = a.report_id WHERE d.kind = 'supervision' AND r.report_no = ?",
      [reportNo],
    );
    expect(raised).toEqual([]);
    expect((await alerts(countyStaff)).filter((a) => a.reportNo === reportNo && a.deadline === 'supervision')).toEqual([]);
    // The reporter reads the step's own line and nothing of the 督办's end.
    const after = await t.call(contract.report.lookup, { body: { queryCode: leaving.up.queryCode } });
    expect(after.body.timeline.map((e) => e.text)).toEqual([...before.body.timeline.map((e) => e.text), '您反映的问题已报送县纪委办理']);
  });
});
