import { randomBytes } from 'node:crypto';
import mysql from 'mysql2/promise';
import type { DatabaseConfig } from '../../src/config/app-config.js';

export type DatabaseKind = 'sqlite' | 'mysql';

/**
 * Every database test runs on SQLite, and on MySQL too when MYSQL_URL points at a server
 * (`mysql://root@127.0.0.1:3306`). CI always sets it, and an unreachable server fails the run.
 */
export const DATABASE_KINDS: DatabaseKind[] = process.env.MYSQL_URL ? ['sqlite', 'mysql'] : ['sqlite'];

export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

function mysqlServerUrl(): URL {
  const url = new URL(process.env.MYSQL_URL!);
  url.pathname = '/';
  return url;
}

/** A fresh, empty database of the given kind, to be dropped after the test file. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') return { config: { type: 'sqlite', file: ':memory:' }, drop: async () => {} };
  const name = `mashang_test_${randomBytes(6).toString('hex')}`;
  const server = mysqlServerUrl();
  const connection = await mysql.createConnection(server.toString());
  try {
    await connection.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await connection.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    config: { type: 'mysql', url: url.toString() },
    drop: async () => {
      const c = await mysql.createConnection(server.toString());
      try {
        await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await c.end();
      }
    },
  };
}
