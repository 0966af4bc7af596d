import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../src/config/app-config.js';
import { dataSourceOptions, MIGRATIONS } from '../src/database/data-source-options.js';
import { runMigrations } from '../src/database/migrate.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

const timestampOf = (migration: (typeof MIGRATIONS)[number]) => Number(/\d{13}$/.exec(new migration().name)![0]);

/** A database migrated only up to (and including) the given migration, as it stood before an upgrade. */
async function migratedUpTo(config: DatabaseConfig, last: number): Promise<DataSource> {
  const options = dataSourceOptions(config);
  const dataSource = new DataSource({ ...options, migrations: MIGRATIONS.filter((m) => timestampOf(m) <= last) });
  await dataSource.initialize();
  await runMigrations(dataSource);
  return dataSource;
}

describe.each(DATABASE_KINDS)('upgrading a database with cases on %s', (kind) => {
  let database: TestDatabase;
  let config: DatabaseConfig;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    // Two connections must see one database: an in-memory SQLite one would not outlive the first.
    config = kind === 'sqlite' ? { type: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'migrations-')), 'db.sqlite') } : database.config;
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('keeps the days of an extension approved before extension_days existed', async () => {
    const before = await migratedUpTo(config, 1765065600000);
    let n = 0;
    const report = async (extensionUsed: number, events: [type: string, internalText: string | null][]) => {
      n += 1;
      await before.query(
        `INSERT INTO reports (report_no, village_code, category, content, mode, query_code_hash, idempotency_key_hash,
          request_fingerprint, status, received_at, track, extension_used)
         VALUES (?, '430101101201', 'finance', '账目不清', 'anonymous', ?, ?, ?, 'accepted', '2026-08-03 02:00:00', 'petition', ?)`,
        [`R2026080300${n}`, String(n).repeat(64), String(n + 3).repeat(64), 'f'.repeat(64), extensionUsed],
      );
      const [row] = await before.query<[{ id: number }]>('SELECT id FROM reports WHERE report_no = ?', [`R2026080300${n}`]);
      for (const [i, [type, text]] of events.entries()) {
        await before.query(
          `INSERT INTO report_events (report_id, type, actor, public_text, internal_text, created_at) VALUES (?, ?, '7', NULL, ?, ?)`,
          [row.id, type, text, `2026-09-0${i + 1} 02:00:00`],
        );
      }
      return Number(row.id);
    };
    const extended = await report(1, [
      ['request_extension', '申请延期30天：需要调取账目'],
      ['approve_extension', '批准延期30天，期限由2026-10-02延至2026-11-02'],
    ]);
    const reclassified = await report(1, [
      ['approve_extension', '批准延期20天，期限由2026-10-02延至2026-10-22'],
      ['reclassify', '类型由「问题反映」更正为「检举控告」：写错了类型'],
    ]);
    const pending = await report(0, [['request_extension', '申请延期10天：人手不够']]);
    await before.destroy();

    const after = new DataSource(dataSourceOptions(config));
    await after.initialize();
    try {
      await runMigrations(after);
      const rows = await after.query<{ id: number; extension_days: number }[]>('SELECT id, extension_days FROM reports ORDER BY id');
      expect(rows.map((r) => [Number(r.id), Number(r.extension_days)])).toEqual([
        [extended, 30],
        [reclassified, 0],
        [pending, 0],
      ]);
    } finally {
      await after.destroy();
    }
  });
});

describe.each(DATABASE_KINDS)('upgrading to the acceptance verdict on the report on %s', (kind) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('takes each report’s verdict from its met acceptance deadline, on time up to the end of its last day in China', async () => {
    const config: DatabaseConfig =
      kind === 'sqlite' ? { type: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'migrations-')), 'db.sqlite') } : database.config;
    const before = await migratedUpTo(config, 1765584000020);
    let n = 0;
    const report = async (acceptance: { metAt: string | null; cancelledAt?: string } | null) => {
      n += 1;
      await before.query(
        `INSERT INTO reports (report_no, village_code, category, content, mode, query_code_hash, idempotency_key_hash,
          request_fingerprint, status, received_at, track, handling_code)
         VALUES (?, '430101101201', 'finance', '账目不清', 'anonymous', ?, ?, ?, 'accepted', '2026-08-03 02:00:00', 'petition', '430101101')`,
        [`R2026080300${n}`, String(n).repeat(64), String.fromCharCode(96 + n).repeat(64), 'f'.repeat(64)],
      );
      const [row] = await before.query<[{ id: number }]>('SELECT id FROM reports WHERE report_no = ?', [`R2026080300${n}`]);
      if (acceptance) {
        await before.query(
          `INSERT INTO report_deadlines (report_id, kind, due_on, provisional, started_at, met_at, cancelled_at)
           VALUES (?, 'acceptance', '2026-08-10', 0, '2026-08-03 02:00:00', ?, ?)`,
          [row.id, acceptance.metAt, acceptance.cancelledAt ?? null],
        );
      }
      // Another clock met late says nothing of the acceptance.
      await before.query(
        `INSERT INTO report_deadlines (report_id, kind, due_on, provisional, started_at, met_at) VALUES (?, 'handling', '2026-08-05', 0, ?, ?)`,
        [row.id, '2026-08-03 02:00:00', '2026-09-01 02:00:00'],
      );
      return Number(row.id);
    };
    // 2026-08-10 ends at 16:00 UTC, midnight in China.
    const lastMinute = await report({ metAt: '2026-08-10 15:59:00' });
    const nextDay = await report({ metAt: '2026-08-10 16:00:00' });
    const undecided = await report({ metAt: null });
    const setAside = await report({ metAt: null, cancelledAt: '2026-08-04 02:00:00' });
    const withoutClock = await report(null);
    await before.destroy();

    const after = new DataSource(dataSourceOptions(config));
    await after.initialize();
    try {
      await runMigrations(after);
      const rows = await after.query<{ id: number; accepted_on_time: number | null }[]>(
        'SELECT id, accepted_on_time FROM reports ORDER BY id',
      );
      expect(rows.map((r) => [Number(r.id), r.accepted_on_time === null ? null : Number(r.accepted_on_time)])).toEqual([
        [lastMinute, 1],
        [nextDay, 0],
        [undecided, null],
        [setAside, null],
        [withoutClock, null],
      ]);
    } finally {
      await after.destroy();
    }
  });
});
