import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import type { DatabaseConfig } from '../src/config/app-config.js';
import { dataSourceOptions, MIGRATIONS } from '../src/database/data-source-options.js';
import { runMigrations } from '../src/database/migrate.js';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from './support/databases.js';

const REPORTER_ACCOUNTS = 1765670400100;
const timestampOf = (migration: (typeof MIGRATIONS)[number]) => Number(/\d{13}$/.exec(new migration().name)![0]);

describe.each(DATABASE_KINDS)('the reporter accounts migration on %s', (kind) => {
  let database: TestDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
    const config: DatabaseConfig =
      kind === 'sqlite' ? { type: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'reporter-migration-')), 'db.sqlite') } : database.config;
    dataSource = new DataSource({
      ...dataSourceOptions(config),
      migrations: MIGRATIONS.filter((m) => timestampOf(m) <= REPORTER_ACCOUNTS),
    });
    await dataSource.initialize();
    await runMigrations(dataSource);
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  /** The reports table's reporter columns and the indexes over them. */
  const columnsOfReports = async () => {
    const runner = dataSource.createQueryRunner();
    try {
      const table = (await runner.getTable('reports'))!;
      const indexes = table.indices.map((i) => i.name ?? '').filter((name) => name.startsWith('IDX_reports_reporter'));
      return [...table.columns.map((c) => c.name).filter((name) => name.startsWith('reporter_')), ...indexes];
    } finally {
      await runner.release();
    }
  };

  it('goes down and up again, tables, columns and indexes alike', async () => {
    const linked = [
      'reporter_name_enc',
      'reporter_phone_enc',
      'reporter_account_id',
      'reporter_phone_hash',
      'reporter_phone_verified',
      'IDX_reports_reporter_account',
      'IDX_reports_reporter_phone',
    ];
    expect((await columnsOfReports()).sort()).toEqual([...linked].sort());
    await dataSource.undoLastMigration();
    expect((await columnsOfReports()).sort()).toEqual(['reporter_name_enc', 'reporter_phone_enc']);
    expect(await dataSource.createQueryRunner().hasTable('reporter_sessions')).toBe(false);
    expect(await dataSource.createQueryRunner().hasTable('reporter_accounts')).toBe(false);
    await runMigrations(dataSource);
    expect((await columnsOfReports()).sort()).toEqual([...linked].sort());
    await dataSource.query('INSERT INTO reporter_accounts (openid_hash, openid_enc, created_at) VALUES (?, ?, ?)', [
      'a'.repeat(64),
      'v1.x.y.z',
      '2026-09-30 02:00:00.000',
    ]);
  });
});
