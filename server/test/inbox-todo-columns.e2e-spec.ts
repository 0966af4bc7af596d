import { contract, type RouteInput } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { InboxTodoColumns1765756800000 } from '../src/database/migrations/1765756800000-inbox-todo-columns.js';
import { casework, chinaMorning, fileReport, type StaffFixture, staffAccount, township } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { type Caller, startTestApp, type TestApp } from './support/test-app.js';

/**
 * The 督办 state the county's 待办 reads from the report row (`supervised_here`, `supervision_due_on`)
 * is what the 督办 clocks say, after every step that starts, meets or stops one: the columns are an
 * index-friendly copy, never a second truth.
 */
describe.each(DATABASE_KINDS)('inbox 待办 columns on %s', (kind) => {
  let t: TestApp;
  let handler: StaffFixture;
  let shimenHandler: StaffFixture;
  let countyStaff: StaffFixture;
  let shimenCode: string;
  let cases: Record<'answered' | 'open' | 'handedOn' | 'answeredHandedOn' | 'sentUp', { reportNo: string }>;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const world = await casework(t);
    ({ handler, countyStaff } = world);
    const { dongshan } = world;
    const shimen = await township(t, world.qingshui);
    shimenCode = shimen.code;
    shimenHandler = await staffAccount(t, 'township_handler', shimen);
    // Petitions filed on 1 Sep must be accepted by 16 Sep: on the 20th they are all late.
    on('2026-09-01');
    cases = {
      answered: await fileReport(t, dongshan, { track: 'petition' }),
      open: await fileReport(t, dongshan, { track: 'petition' }),
      handedOn: await fileReport(t, dongshan, { track: 'petition' }),
      answeredHandedOn: await fileReport(t, dongshan, { track: 'petition' }),
      sentUp: await fileReport(t, dongshan, { track: 'petition' }),
    };
    on('2026-09-20');
  });
  afterAll(async () => {
    await t?.close();
  });
  const on = (date: string) => t.clock.set(chinaMorning(date));
  const todo = async (as: Caller) => (await t.call(contract.case.list, { query: { todo: 'true' } }, as)).body.items.map((c) => c.reportNo);
  const supervise = async (reportNo: string, dueOn: string) => {
    const body = { text: '请于5日内核实补贴发放名单并书面回复县纪委', dueOn };
    expect((await t.call(contract.case.supervise, { params: { reportNo }, body }, countyStaff)).status).toBe(200);
  };
  const answer = async (reportNo: string) => {
    const body = { text: '已入户核实，名单有误的两户本周内补发到位。' };
    expect((await t.call(contract.case.answerSupervision, { params: { reportNo }, body }, handler)).status).toBe(200);
  };
  const act = async (as: Caller, reportNo: string, body: RouteInput<typeof contract.case.act>['body']) =>
    expect((await t.call(contract.case.act, { params: { reportNo }, body }, as)).status).toBe(200);

  /** Every report whose copied 督办 state differs from its clocks (none, when the copy is kept true). */
  const drifted = async () => {
    const rows = await t.app.get(DataSource).query<Record<string, unknown>[]>(
      `SELECT r.report_no AS reportNo, r.supervised_here AS supervisedHere, r.supervision_due_on AS dueOn,
         (SELECT COUNT(*) FROM report_deadlines d WHERE d.report_id = r.id AND d.kind = 'supervision' AND d.cancelled_at IS NULL) AS clocks,
         (SELECT MIN(d.due_on) FROM report_deadlines d
           WHERE d.report_id = r.id AND d.kind = 'supervision' AND d.cancelled_at IS NULL AND d.met_at IS NULL) AS openDue
       FROM reports r`,
    );
    expect(rows.length).toBe(5);
    return rows.filter((r) => Number(r.supervisedHere) !== (Number(r.clocks) > 0 ? 1 : 0) || (r.dueOn ?? null) !== (r.openDue ?? null));
  };

  it('keeps the copy true through 督办, answer, a late 督办, a case handed on and one sent up', async () => {
    expect(await drifted()).toEqual([]);
    const all = Object.values(cases).map((c) => c.reportNo);
    expect((await todo(countyStaff)).sort()).toEqual([...all].sort());

    for (const c of Object.values(cases)) await supervise(c.reportNo, '2026-09-25');
    expect(await drifted()).toEqual([]);
    // 督办ed and not yet due: off the county's 待办, on each township's.
    expect(await todo(countyStaff)).toEqual([]);
    expect(await todo(handler)).toEqual(expect.arrayContaining(all));

    await answer(cases.answered.reportNo);
    await answer(cases.answeredHandedOn.reportNo);
    const body = { action: 'transfer_township', townshipCode: shimenCode, reason: '该事项属石门乡管辖' } as const;
    await act(handler, cases.answeredHandedOn.reportNo, body);
    await act(handler, cases.handedOn.reportNo, { action: 'transfer_township', townshipCode: shimenCode, reason: '该事项属石门乡管辖' });
    await act(handler, cases.sentUp.reportNo, { action: 'transfer_up', reason: '涉及镇领导干部，报县纪委办理' });
    expect(await drifted()).toEqual([]);

    // The open 督办 runs past its date: the case is back on the county's 待办; the answered one is not.
    on('2026-09-26');
    const county = await todo(countyStaff);
    expect(county).toContain(cases.open.reportNo);
    expect(county).not.toContain(cases.answered.reportNo);
    // Handed on, the case owes the new township's answer to nobody yet: late there, it is the county's to press.
    expect(county).toContain(cases.handedOn.reportNo);
    // The same when the first township had answered: that answer was not the new township's.
    expect(county).toContain(cases.answeredHandedOn.reportNo);
    // Its township's answer is past news for the county; the answer from the township that still handles its case is not.
    const answers = (await t.call(contract.case.alerts, {}, countyStaff)).body.items.filter((a) => a.kind === 'answered');
    expect(answers.map((a) => a.reportNo)).toEqual([cases.answered.reportNo]);
    // The answered 督办 still reads when it was due and when it was met.
    const handedOn = (await t.call(contract.case.get, { params: { reportNo: cases.answeredHandedOn.reportNo } }, countyStaff)).body;
    expect(handedOn.supervisions[0]).toMatchObject({ due: { dueOn: '2026-09-25', metAt: expect.any(String) }, endedAt: null });
    expect(await todo(shimenHandler)).toContain(cases.handedOn.reportNo);
    // Sent up, the county handles it itself.
    expect(county).toContain(cases.sentUp.reportNo);

    // A second 督办 after an answer is open again, and the copy follows.
    await supervise(cases.answered.reportNo, '2026-09-30');
    expect(await drifted()).toEqual([]);
    on('2026-10-01');
    expect(await todo(countyStaff)).toContain(cases.answered.reportNo);
  });

  it('sets the copy from the clocks for the cases there were, stopping the 督办 a case had left behind', async () => {
    // As before this release: the 督办 clocks of cases that left the township still running, and no copy.
    const db = t.app.get(DataSource);
    const left = [cases.handedOn.reportNo, cases.answeredHandedOn.reportNo, cases.sentUp.reportNo];
    await db.query(
      `UPDATE report_deadlines SET cancelled_at = NULL WHERE kind = 'supervision' AND report_id IN (SELECT id FROM reports WHERE report_no IN (?, ?, ?))`,
      left,
    );
    const migration = new InboxTodoColumns1765756800000();
    const runner = db.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await drifted()).toEqual([]);
    const running = await db.query<{ reportNo: string }[]>(
      `SELECT r.report_no AS reportNo FROM report_deadlines d JOIN reports r ON r.id = d.report_id
       WHERE d.kind = 'supervision' AND d.cancelled_at IS NULL ORDER BY r.report_no`,
    );
    expect(running.map((r) => r.reportNo)).toEqual([cases.answered.reportNo, cases.answered.reportNo, cases.open.reportNo].sort());
    const county = await todo(countyStaff);
    expect(county).toEqual(expect.arrayContaining([cases.handedOn.reportNo, cases.answeredHandedOn.reportNo, cases.sentUp.reportNo]));
  });
});
