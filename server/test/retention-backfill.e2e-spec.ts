import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { contract } from '@mashang/shared';
import { DataSource } from 'typeorm';
import { ReportRetention1765670400400 } from '../src/database/migrations/1765670400400-report-retention.js';
import { casework, fileReport, type StaffFixture } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { DEFAULT_NOW, startTestApp, type TestApp } from './support/test-app.js';

/** The retention migration dates the cases that had already ended when it ran. */
describe.each(DATABASE_KINDS)('the retention backfill on %s', (kind) => {
  let t: TestApp;
  let handler: StaffFixture;
  let db: DataSource;

  beforeAll(async () => {
    t = await startTestApp(kind);
    db = t.app.get(DataSource);
    const world = await casework(t);
    handler = world.handler;
    declined = (await fileReport(t, world.dongshan)).reportNo;
    imported = (await fileReport(t, world.dongshan)).reportNo;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });
  let declined = '';
  let imported = '';

  const endedAt = async (reportNo: string) => {
    const [row] = await db.query<Array<{ ended_at: Date | string }>>(
      'SELECT t.ended_at FROM report_retention t JOIN reports r ON r.id = t.report_id WHERE r.report_no = ?',
      [reportNo],
    );
    const at = row!.ended_at;
    return typeof at === 'string' ? new Date(`${at.replace(' ', 'T')}Z`) : at;
  };

  it('takes the ending step’s time, or for a case ended without one (imported), the time it ran, never when it was received', async () => {
    await t.call(
      contract.case.act,
      { params: { reportNo: declined }, body: { action: 'decline', reason: '不属于纪检监察机关受理范围' } },
      handler,
    );
    // Ended with no ending step on record, as an imported case is.
    await db.query("UPDATE reports SET status = 'closed' WHERE report_no = ?", [imported]);
    const migration = new ReportRetention1765670400400();
    const runner = db.createQueryRunner();
    const before = Date.now();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect((await endedAt(declined)).getTime()).toBe(DEFAULT_NOW.getTime());
    const importedEnd = (await endedAt(imported)).getTime();
    expect(importedEnd).toBeGreaterThanOrEqual(before - 1000);
    expect(importedEnd).toBeLessThanOrEqual(Date.now() + 1000);
  });
});
