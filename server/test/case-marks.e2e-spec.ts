import { contract, type RouteInput } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chinaMorning, county, fileReport, type Region, type StaffFixture, staffAccount, township, village } from './factories/index.js';
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
    const qingshui = await county(t);
    const taoyuan = await township(t, qingshui);
    dongshan = await village(t, taoyuan);
    shimenVillage = await village(t, await township(t, qingshui));
    handler = await staffAccount(t, 'township_handler', taoyuan);
    countyStaff = await staffAccount(t, 'county_supervisor', qingshui);
    admin = await staffAccount(t, 'admin', qingshui);
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
      { reportNo: answered.reportNo, code: 'ACTION_NOT_ALLOWED' }, // already answered
      { reportNo: elsewhere.reportNo, code: 'CASE_NOT_FOUND' },
    ]);
    const declined = await mark(handler, { mark: 'invalid', reportNos: [answered.reportNo, later.reportNo], reason: '重复测试提交的内容' });
    expect(declined.body).toEqual({ marked: [later.reportNo], refused: [{ reportNo: answered.reportNo, code: 'ACTION_NOT_ALLOWED' }] });

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
});
