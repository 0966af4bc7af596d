import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../../src/app.js';
import { FixedClock } from '../../src/common/clock.js';
import { type AppConfig, loadConfig } from '../../src/config/app-config.js';
import { DEMO_PASSWORD } from '../../src/demo/demo-accounts.js';
import { createTestDatabase, type DatabaseKind } from './databases.js';

export interface TestApp {
  app: NestFastifyApplication;
  clock: FixedClock;
  config: AppConfig;
  request(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, token?: string): Promise<TestResponse>;
  /** Signs a demo account in and answers its bearer token. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export interface TestResponse {
  status: number;
  headers: Record<string, unknown>;
  body: any;
  raw: Buffer;
}

/** 2026-09-30 10:00 in China: the day before National Day. */
export const DEFAULT_NOW = new Date('2026-09-30T02:00:00Z');

/**
 * The app on a fresh database of the given kind, with demo data and a clock the test controls.
 * `sharing` starts a second instance on another app's database (as two servers on one MySQL).
 */
export async function startTestApp(kind: DatabaseKind, env: Record<string, string> = {}, sharing?: TestApp): Promise<TestApp> {
  const database = sharing ? { config: sharing.config.database, drop: async () => {} } : await createTestDatabase(kind);
  const config: AppConfig = {
    ...loadConfig({ NODE_ENV: 'test', DEMO_DATA: 'true', PUBLIC_BASE_URL: 'https://mashang.example.cn', LOOKUP_LIMIT_PER_MINUTE: '1000', LOGIN_LIMIT_PER_MINUTE: '1000', SWEEP_INTERVAL_SECONDS: '0', ...env }),
    database: database.config,
  };
  const clock = new FixedClock(DEFAULT_NOW);
  const app = await createApp(config, { clock, logLevels: ['error'] });
  return {
    app,
    clock,
    config,
    async request(method, url, body, token) {
      const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
      if (typeof body === 'string') headers['content-type'] = 'application/json';
      const response = await app.inject({ method, url, headers, ...(body === undefined ? {} : { payload: body as string | object }) });
      const raw = response.rawPayload;
      const isJson = String(response.headers['content-type'] ?? '').includes('application/json');
      return { status: response.statusCode, headers: response.headers, body: isJson ? response.json() : raw.toString('utf8'), raw };
    },
    async login(username, password = DEMO_PASSWORD) {
      const response = await app.inject({ method: 'POST', url: '/api/v1/staff/login', payload: { username, password } });
      if (response.statusCode !== 200) throw new Error(`login ${username} failed: ${response.body}`);
      return response.json().token as string;
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}
