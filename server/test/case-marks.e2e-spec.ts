import { contract, type RouteInput } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  casework,
  chinaMorning,
  fileReport,
  type Region,
  reportBody,
  type StaffFixture,
  staffAccount,
  township,
  village,
} from './factories/index.js';
import { DeadlineSweep } from '../src/modules/case/deadline-sweep.js';
import { DATABASE_KINDS } from './support/databases.js';
import { type Caller, startTestApp, type TestApp } from './support/test-app.js';

type Mark = RouteInput<typeof contract.case.mark>['body'];

/** Repeats and floods set aside as 重复 or 无效: audited, out of the inbox, counted apart, told plainly. */
describe.each(DATABASE_KINDS)('marking reports as duplicate or invalid on %s', (kind) => {
  let t: TestApp;
  let dongshan: Region;
  let shimenVillage: Region;
  let handler: StaffFixture;
  let countyStaff: StaffFixture;
  let admin: StaffFixture;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const world = await casework(t);
    ({ dongshan, handler, countyStaff } = world);
    shimenVillage = await village(t, await township(t, world.qingshui));
    admin = await staffAccount(t, 'admin', world.qingshui);
  });
  afterAll(async () => {
    await t?.close();
  });
  const on = (date: string) => t.clock.set(chinaMorning(date));
  const mark = (as: Caller, body: Mark) => t.call(contract.case.mark, { body }, as);
  const inbox = async () => (await t.call(contract.case.list, { query: { limit: 200 } }, handler)).body;

  it('sets a flood aside in one request, each report audited and out of the inbox', async () => {
    on('2026-10-12');
    const original = await fileReport(t, dongshan, { content: '村里的路灯坏了三个月，一直没人修。' });
    on('2026-10-13');
    const repeats = await Promise.all(
      Array.from({ length: 3 }, () => fileReport(t, dongshan, { content: '路灯坏了三个月，一直没有人来修理。' })),
    );
    const flood = await Promise.all(
      Array.from({ length: 25 }, () => fileReport(t, dongshan, { content: '测试测试测试测试测试测试测试测试' })),
    );
    expect((await inbox()).total).toBe(29);

    const duplicates = await mark(handler, {
      mark: 'duplicate',
      reportNos: repeats.map((r) => r.reportNo),
      duplicateOf: original.reportNo,
    });
    expect(duplicates.body).toEqual({ marked: repeats.map((r) => r.reportNo), refused: [] });
    const invalid = await mark(handler, {
      mark: 'invalid',
      reportNos: flood.map((r) => r.reportNo),
      reason: '同一内容反复提交，没有反映具体问题',
    });
    expect(invalid.body.marked).toHaveLength(25);

    const left = await inbox();
    expect(left.total).toBe(1);
    expect(left.items.map((c) => c.reportNo)).toEqual([original.reportNo]);

    const repeat = (await t.call(contract.report.lookup, { body: { queryCode: repeats[0]!.queryCode } })).body;
    expect(repeat.status).toBe('duplicate');
    expect(repeat.actions).toEqual([]);
    expect(repeat.timeline.at(-1)?.text).toBe('经核查，您反映的问题与此前收到的反映相同，已并入该件一并办理');
    expect(JSON.stringify(repeat)).not.toContain(original.reportNo);
    const spam = (await t.call(contract.report.lookup, { body: { queryCode: flood[0]!.queryCode } })).body;
    expect(spam.status).toBe('invalid');
    expect(spam.timeline.at(-1)?.text).toBe('经核查，本件不作为有效反映办理。理由：同一内容反复提交，没有反映具体问题');

    const audit = (await t.call(contract.admin.auditLog, {}, admin)).body.items;
    expect(audit.filter((e) => e.action === 'mark_duplicate')).toHaveLength(3);
    expect(audit.filter((e) => e.action === 'mark_invalid')).toHaveLength(25);

    const stats = (await t.call(contract.case.stats, {}, countyStaff)).body.townships.find((s) => s.code === dongshan.code.slice(0, 9));
    expect(stats).toMatchObject({ received: 1, duplicates: 3, invalid: 25 });

    // The village's public record, the next day, counts only the report that stands.
    on('2026-10-14');
    const record = async () => (await t.call(contract.village.page, { params: { code: dongshan.code } })).body.record;
    expect(await record()).toMatchObject({ asOf: '2026-10-13', received: 1 });
    // Counted once a day: setting the last one aside today shows tomorrow, not while anyone watches.
    expect((await mark(handler, { mark: 'invalid', reportNos: [original.reportNo], reason: '内容与本村无关' })).body.marked).toHaveLength(
      1,
    );
    expect(await record()).toMatchObject({ asOf: '2026-10-13', received: 1 });
    on('2026-10-15');
    expect(await record()).toMatchObject({ asOf: '2026-10-14', received: 0 });
  });

  it('refuses each report that cannot be marked, with its reason, and marks the rest', async () => {
    on('2026-10-20');
    const earlier = await fileReport(t, dongshan);
    on('2026-10-21');
    const later = await fileReport(t, dongshan);
    const answered = await fileReport(t, dongshan);
    await t.call(
      contract.case.act,
      { params: { reportNo: answered.reportNo }, body: { action: 'decline', reason: '不属于受理范围的事项' } },
      handler,
    );
    const elsewhere = await fileReport(t, shimenVillage);

    const result = await mark(handler, {
      mark: 'duplicate',
      duplicateOf: later.reportNo,
      reportNos: [earlier.reportNo, later.reportNo, answered.reportNo, elsewhere.reportNo],
    });
    expect(result.body.marked).toEqual([]);
    expect(result.body.refused).toEqual([
      { reportNo: earlier.reportNo, code: 'DUPLICATE_OF_INVALID' }, // the earlier one cannot repeat a later one
      { reportNo: later.reportNo, code: 'DUPLICATE_OF_INVALID' }, // nor itself
      { reportNo: answered.reportNo, code: 'MARK_ALREADY_HANDLED' }, // already answered
      { reportNo: elsewhere.reportNo, code: 'CASE_NOT_FOUND' },
    ]);
    const declined = await mark(handler, { mark: 'invalid', reportNos: [answered.reportNo, later.reportNo], reason: '重复测试提交的内容' });
    expect(declined.body).toEqual({ marked: [later.reportNo], refused: [{ reportNo: answered.reportNo, code: 'MARK_ALREADY_HANDLED' }] });

    const outside = await mark(handler, { mark: 'duplicate', duplicateOf: elsewhere.reportNo, reportNos: [earlier.reportNo] });
    expect(outside).toMatchObject({ status: 422, error: { code: 'DUPLICATE_OF_INVALID' } });
    const tooMany = await mark(handler, {
      mark: 'invalid',
      reportNos: Array.from({ length: 201 }, () => earlier.reportNo),
      reason: '批量测试',
    });
    expect(tooMany.error.code).toBe('VALIDATION_FAILED');
  });

  it('marks each report once when a bulk request is retried', async () => {
    on('2026-10-22');
    const reports = await Promise.all(Array.from({ length: 3 }, () => fileReport(t, dongshan)));
    const body: Mark = {
      mark: 'invalid',
      reportNos: reports.map((r) => r.reportNo),
      reason: '内容与本村无关的广告',
      idempotencyKey: 'bulk-mark-key-000001',
    };
    const [first, retry] = await Promise.all([mark(handler, body), mark(handler, body)]);
    expect(first.body.marked).toHaveLength(3);
    expect(retry.body.marked).toHaveLength(3);
    const audit = (await t.call(contract.admin.auditLog, {}, admin)).body.items;
    expect(audit.filter((e) => e.action === 'mark_invalid' && reports.some((r) => r.reportNo === e.reportNo))).toHaveLength(3);
  });

  it('never sets aside an accepted, overdue or escalated report: each refused with its reason', async () => {
    const act = (reportNo: string, body: RouteInput<typeof contract.case.act>['body']) =>
      t.call(contract.case.act, { params: { reportNo }, body }, handler);
    const get = async (reportNo: string) => (await t.call(contract.case.get, { params: { reportNo } }, handler)).body;
    const reason = '内容不属实，无法核查';
    on('2026-03-02');
    const escalated = await fileReport(t, dongshan);
    const accepted = await fileReport(t, dongshan);
    await act(accepted.reportNo, { action: 'accept' });
    on('2026-03-25');
    await t.app.get(DeadlineSweep).run();
    on('2026-04-10');
    await t.app.get(DeadlineSweep).run();
    expect(await get(escalated.reportNo)).toMatchObject({ status: 'submitted', escalated: true });
    const fresh = await fileReport(t, dongshan);
    expect((await get(escalated.reportNo)).actions).not.toContain('mark_invalid');
    expect((await get(fresh.reportNo)).actions).toContain('mark_invalid');

    const result = await mark(handler, { mark: 'invalid', reason, reportNos: [escalated.reportNo, accepted.reportNo, fresh.reportNo] });
    expect(result.body).toEqual({
      marked: [fresh.reportNo],
      refused: [
        { reportNo: escalated.reportNo, code: 'MARK_OVERDUE' },
        { reportNo: accepted.reportNo, code: 'MARK_ALREADY_HANDLED' },
      ],
    });
    expect(await get(accepted.reportNo)).toMatchObject({ status: 'accepted' });
    expect(await get(escalated.reportNo)).toMatchObject({ status: 'submitted' });

    // Overdue with no sweep run since: neither escalated nor alerted, and still refused.
    on('2026-04-13');
    const overdue = await fileReport(t, dongshan);
    on('2026-05-29');
    expect(await get(overdue.reportNo)).toMatchObject({ status: 'submitted', escalated: false });
    expect((await get(overdue.reportNo)).deadlines.some((d) => d.overdue)).toBe(true);
    expect((await mark(handler, { mark: 'invalid', reason, reportNos: [overdue.reportNo] })).body).toEqual({
      marked: [],
      refused: [{ reportNo: overdue.reportNo, code: 'MARK_OVERDUE' }],
    });
  });

  it('merges a 重复 only into a report that stands: no two into each other, none into a 无效', async () => {
    on('2026-11-10');
    const letter = () =>
      t.call(contract.case.recordOffline, { body: { ...reportBody(dongshan), channel: 'letter', receivedOn: '2026-11-09' } }, handler);
    const a = (await letter()).body;
    const b = (await letter()).body;
    // Received the same day: the one recorded first is the original.
    expect((await mark(handler, { mark: 'duplicate', reportNos: [a.reportNo], duplicateOf: b.reportNo })).body.refused).toEqual([
      { reportNo: a.reportNo, code: 'DUPLICATE_OF_INVALID' },
    ]);
    expect((await mark(handler, { mark: 'duplicate', reportNos: [b.reportNo], duplicateOf: a.reportNo })).body.marked).toEqual([
      b.reportNo,
    ]);
    const back = await mark(handler, { mark: 'duplicate', reportNos: [a.reportNo], duplicateOf: b.reportNo });
    expect(back.body).toEqual({ marked: [], refused: [{ reportNo: a.reportNo, code: 'DUPLICATE_OF_INVALID' }] });

    const c = await fileReport(t, dongshan);
    on('2026-11-11');
    const d = await fileReport(t, dongshan);
    const e = await fileReport(t, dongshan);
    await mark(handler, { mark: 'invalid', reportNos: [c.reportNo], reason: '内容不属实，无法核查' });
    expect((await mark(handler, { mark: 'duplicate', reportNos: [d.reportNo], duplicateOf: c.reportNo })).body).toEqual({
      marked: [],
      refused: [{ reportNo: d.reportNo, code: 'DUPLICATE_OF_SET_ASIDE' }],
    });
    // Nor into one already a 重复 itself.
    expect((await mark(handler, { mark: 'duplicate', reportNos: [e.reportNo], duplicateOf: b.reportNo })).body.refused).toEqual([
      { reportNo: e.reportNo, code: 'DUPLICATE_OF_SET_ASIDE' },
    ]);
    expect((await t.call(contract.report.lookup, { body: { queryCode: d.queryCode } })).body.status).toBe('submitted');
  });
});
