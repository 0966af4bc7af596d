import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DEMO_PASSWORD } from '../src/demo/demo-accounts.js';
import { DATABASE_KINDS } from './support/databases.js';
import { DEFAULT_NOW, startTestApp, type TestApp } from './support/test-app.js';

const minutes = (n: number) => n * 60_000;

describe.each(DATABASE_KINDS)('staff accounts and sessions on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });
  const login = (username: string, password: string) => t.request('POST', '/api/v1/staff/login', { username, password });

  it('signs in, answers who is signed in, and signs out', async () => {
    const res = await login('taoyuan', DEMO_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({ username: 'taoyuan', role: 'township_handler', regionCode: '341821102', regionName: '桃源镇' });
    expect(JSON.stringify(res.body)).not.toContain('password');
    const token = res.body.token;
    expect((await t.request('GET', '/api/v1/staff/me', undefined, token)).body.username).toBe('taoyuan');
    expect((await t.request('POST', '/api/v1/staff/logout', undefined, token)).status).toBe(200);
    const after = await t.request('GET', '/api/v1/staff/me', undefined, token);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
  });

  it('answers an unknown user and a wrong password alike', async () => {
    const unknown = await login('nobody', 'whatever');
    const wrong = await login('shimen', 'wrong-password');
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.body.code).toBe('LOGIN_FAILED');
  });

  it('locks an account after five failures, refusing even the right password until the lock ends', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await login('dongshan-sup', `wrong-${i}`)).body.code);
    expect(codes).toEqual(['LOGIN_FAILED', 'LOGIN_FAILED', 'LOGIN_FAILED', 'LOGIN_FAILED', 'ACCOUNT_LOCKED']);
    expect((await login('dongshan-sup', DEMO_PASSWORD)).body.code).toBe('ACCOUNT_LOCKED');
    t.clock.set(new Date(DEFAULT_NOW.getTime() + minutes(16)));
    try {
      expect((await login('dongshan-sup', DEMO_PASSWORD)).status).toBe(200);
    } finally {
      t.clock.set(DEFAULT_NOW);
    }
  });

  it('ends a session after twelve hours', async () => {
    const token = await t.login('dongshan-pub');
    t.clock.set(new Date(DEFAULT_NOW.getTime() + minutes(12 * 60 + 1)));
    try {
      expect((await t.request('GET', '/api/v1/staff/me', undefined, token)).status).toBe(401);
    } finally {
      t.clock.set(DEFAULT_NOW);
    }
  });

  it('refuses requests without a valid token, and staff routes to the wrong role', async () => {
    expect((await t.request('GET', '/api/v1/admin/accounts')).body.code).toBe('UNAUTHENTICATED');
    expect((await t.request('GET', '/api/v1/admin/accounts', undefined, 'not-a-real-token-at-all-xxxx')).body.code).toBe('UNAUTHENTICATED');
    const handler = await t.login('taoyuan');
    const res = await t.request('GET', '/api/v1/admin/accounts', undefined, handler);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('FORBIDDEN');
  });

  it('lets an admin create, disable and reset accounts within the region', async () => {
    const admin = await t.login('admin');
    const created = await t.request(
      'POST',
      '/api/v1/admin/accounts',
      { username: 'xihe-pub', displayName: '吴文书', role: 'village_publisher', regionCode: '341821102202' },
      admin,
    );
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({ username: 'xihe-pub', regionName: '西河村', disabled: false });
    const firstPassword = created.body.temporaryPassword;
    const session = await t.login('xihe-pub', firstPassword);

    const taken = await t.request('POST', '/api/v1/admin/accounts', { username: 'xihe-pub', displayName: '吴文书', role: 'village_publisher', regionCode: '341821102202' }, admin);
    expect(taken.body.code).toBe('USERNAME_TAKEN');

    const disabled = await t.request('PUT', `/api/v1/admin/accounts/${created.body.account.id}`, { disabled: true }, admin);
    expect(disabled.body.disabled).toBe(true);
    expect((await t.request('GET', '/api/v1/staff/me', undefined, session)).status).toBe(401);
    expect((await login('xihe-pub', firstPassword)).body.code).toBe('LOGIN_FAILED');

    await t.request('PUT', `/api/v1/admin/accounts/${created.body.account.id}`, { disabled: false }, admin);
    const reset = await t.request('POST', `/api/v1/admin/accounts/${created.body.account.id}/reset-password`, undefined, admin);
    expect(reset.status).toBe(200);
    expect(reset.body.temporaryPassword).not.toBe(firstPassword);
    expect((await login('xihe-pub', firstPassword)).status).toBe(401);
    expect((await login('xihe-pub', reset.body.temporaryPassword)).status).toBe(200);
  });

  it("keeps a township admin to the township: other accounts don't exist for it", async () => {
    const admin = await t.login('admin');
    const created = await t.request('POST', '/api/v1/admin/accounts', { username: 'taoyuan-admin', displayName: '桃源管理员', role: 'admin', regionCode: '341821102' }, admin);
    const townshipAdmin = await t.login('taoyuan-admin', created.body.temporaryPassword);
    const list = await t.request('GET', '/api/v1/admin/accounts', undefined, townshipAdmin);
    expect(list.body.items.map((a: { regionCode: string }) => a.regionCode).every((c: string) => c.startsWith('341821102'))).toBe(true);
    const all = await t.request('GET', '/api/v1/admin/accounts', undefined, admin);
    const shimen = all.body.items.find((a: { username: string }) => a.username === 'shimen');
    const res = await t.request('POST', `/api/v1/admin/accounts/${shimen.id}/reset-password`, undefined, townshipAdmin);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('ACCOUNT_NOT_FOUND');
    const outside = await t.request('POST', '/api/v1/admin/accounts', { username: 'sneaky', displayName: '越权者', role: 'admin', regionCode: '341821' }, townshipAdmin);
    expect(outside.body.details[0].field).toBe('body.regionCode');
  });
});

describe('login rate limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite', { LOGIN_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('refuses sign-ins beyond the limit per address, whatever the account', async () => {
    const statuses: number[] = [];
    for (const username of ['a1', 'a2', 'a3', 'a4']) {
      statuses.push((await t.request('POST', '/api/v1/staff/login', { username, password: 'x' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
