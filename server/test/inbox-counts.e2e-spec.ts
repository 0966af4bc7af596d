import { contract } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ReportEntity } from '../src/modules/case/entities/report.entity.js';
import { COUNTED_STEP } from '../src/modules/case/case.repository.js';
import { casework, chinaMorning, fileReport, type StaffFixture } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { type Caller, startTestApp, type TestApp } from './support/test-app.js';

/** Copies of the filed case past the inbox's counting step; every other one answered (open, no staff clock). */
const COPIES = COUNTED_STEP + 30;

/**
 * The inbox counts what matches only up to a round number past the page it shows, so a county with a
 * hundred thousand open cases is as quick to open as one with a hundred; paging still reaches every case,
 * in the same order, across the turn from the dated cases to the undated ones.
 */
describe.each(DATABASE_KINDS)('inbox counts on %s', (kind) => {
  let t: TestApp;
  let handler: StaffFixture;
  let countyStaff: StaffFixture;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const world = await casework(t);
    ({ handler, countyStaff } = world);
    t.clock.set(chinaMorning('2026-09-01'));
    await fileReport(t, world.dongshan, { track: 'petition' });
    await copyFiledCase(t.app.get(DataSource), kind);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });
  const list = async (as: Caller, offset: number, limit = 50) => (await t.call(contract.case.list, { query: { offset, limit } }, as)).body;

  /** The inbox's order, straight from the table: dated cases first, nearest due date first, then the newest. */
  const expected = async (offset: number, limit: number) => {
    const rows = await t.app.get(DataSource).query<{ reportNo: string }[]>(
      `SELECT report_no AS reportNo FROM reports
       ORDER BY CASE WHEN next_due_on IS NULL THEN 1 ELSE 0 END, next_due_on, received_at DESC, id DESC
       LIMIT ${limit} OFFSET ${offset}`,
    );
    return rows.map((r) => r.reportNo);
  };

  it('says "more than" past the counting step, and counts on when paged that far', async () => {
    for (const as of [countyStaff, handler]) {
      const first = await list(as, 0);
      expect(first).toMatchObject({ total: COUNTED_STEP, totalCapped: true });
      expect(first.items.map((c) => c.reportNo)).toEqual(await expected(0, 50));
      const last = await list(as, COUNTED_STEP - 20);
      expect(last).toMatchObject({ total: COPIES + 1, totalCapped: false });
      expect(last.items.map((c) => c.reportNo)).toEqual(await expected(COUNTED_STEP - 20, 50));
    }
  });

  it('pages across the turn from dated to undated cases with the counts capped', async () => {
    const dated = Math.ceil(COPIES / 2) + 1;
    for (const offset of [dated - 30, dated, dated + 7]) {
      const page = await list(countyStaff, offset, 60);
      expect(page.totalCapped).toBe(true);
      expect(page.items.map((c) => c.reportNo)).toEqual(await expected(offset, 60));
    }
  });
});

/**
 * COPIES copies of the one filed report in one statement (a cross join of digits): new unique
 * numbers, keys and hashes; every other copy answered, so it is open with no staff clock.
 */
async function copyFiledCase(db: DataSource, kind: string): Promise<void> {
  const mysql = kind === 'mysql';
  const padded = (prefix: string, width: number) =>
    mysql ? `CONCAT('${prefix}', LPAD(n.i, ${width}, '0'))` : `'${prefix}' || substr('${'0'.repeat(width)}' || n.i, -${width}, ${width})`;
  const replaced: Record<string, string> = {
    report_no: padded('Z', 9),
    query_code_hash: padded('q', 63),
    idempotency_key_hash: padded('k', 63),
    status: "CASE WHEN n.i % 2 = 0 THEN 'replied' ELSE r.status END",
    next_due_on: 'CASE WHEN n.i % 2 = 0 THEN NULL ELSE r.next_due_on END',
  };
  const columns = db
    .getMetadata(ReportEntity)
    .columns.filter((c) => !c.isGenerated)
    .map((c) => c.databaseName);
  const digits = 'SELECT 0 AS d UNION ALL ' + [1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => `SELECT ${d}`).join(' UNION ALL ');
  const numbers = `SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d AS i FROM (${digits}) a, (${digits}) b, (${digits}) c, (${digits}) e, (${digits}) f`;
  await db.query(
    `INSERT INTO reports (${columns.join(', ')})
     SELECT ${columns.map((c) => replaced[c] ?? `r.${c}`).join(', ')} FROM reports r, (${numbers}) n WHERE n.i < ${COPIES}`,
  );
}
