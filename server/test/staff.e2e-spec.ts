import { contract } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { county, type Region, type StaffFixture, TEST_PASSWORD, staffAccount, township, village } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { DEFAULT_NOW, startTestApp, type TestApp } from './support/test-app.js';

const minutes = (n: number) => n * 60_000;

describe.each(DATABASE_KINDS)('staff accounts and sessions on %s', (kind) => {
  let t: TestApp;
  let taoyuan: Region;
  let xihe: Region;
  let admin: StaffFixture;
  let handler: StaffFixture;
  let shimenHandler: StaffFixture;
  let publisher: StaffFixture;
  let supervisor: StaffFixture;
  beforeAll(async () => {
    t = await startTestApp(kind);
    const qingshui = await county(t);
    taoyuan = await township(t, qingshui, { name: '桃源镇' });
    const shimen = await township(t, qingshui, { name: '石门乡' });
    const dongshan = await village(t, taoyuan, { name: '东山村' });
    xihe = await village(t, taoyuan, { name: '西河村' });
    admin = await staffAccount(t, 'admin', qingshui);
    handler = await staffAccount(t, 'township_handler', taoyuan, { username: 'taoyuan' });
    shimenHandler = await staffAccount(t, 'township_handler', shimen);
    publisher = await staffAccount(t, 'village_publisher', dongshan);
    supervisor = await staffAccount(t, 'village_supervisor', dongshan);
  });
  afterAll(async () => {
    await t?.close();
  });
  const login = (username: string, password: string) => t.call(contract.staff.login, { body: { username, password } });

  it('signs in, answers who is signed in, and signs out', async () => {
    const res = await login('taoyuan', TEST_PASSWORD);
    expect(res.status).toBe(200);
    expect(res.body.account).toMatchObject({
      username: 'taoyuan',
      role: 'township_handler',
      regionCode: taoyuan.code,
      regionName: '桃源镇',
    });
    expect(res.text).not.toContain('password');
    const token = res.body.token;
    expect((await t.call(contract.staff.me, {}, token)).body.username).toBe('taoyuan');
    expect((await t.call(contract.staff.logout, {}, token)).status).toBe(200);
    const after = await t.call(contract.staff.me, {}, token);
    expect(after.status).toBe(401);
    expect(after.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers an unknown user and a wrong password alike', async () => {
    const unknown = await login('nobody', 'whatever');
    const wrong = await login(shimenHandler.username, 'wrong-password');
    expect(unknown.status).toBe(401);
    expect(unknown.error).toEqual(wrong.error);
    expect(wrong.error.code).toBe('LOGIN_FAILED');
  });

  it('locks an account after five failures, refusing even the right password until the lock ends', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await login(supervisor.username, `wrong-${i}`)).error.code);
    expect(codes).toEqual(['LOGIN_FAILED', 'LOGIN_FAILED', 'LOGIN_FAILED', 'LOGIN_FAILED', 'ACCOUNT_LOCKED']);
    expect((await login(supervisor.username, TEST_PASSWORD)).error.code).toBe('ACCOUNT_LOCKED');
    t.clock.set(new Date(DEFAULT_NOW.getTime() + minutes(16)));
    try {
      expect((await login(supervisor.username, TEST_PASSWORD)).status).toBe(200);
    } finally {
      t.clock.set(DEFAULT_NOW);
    }
  });

  it('ends a session after twelve hours', async () => {
    const token = await t.signIn(publisher);
    t.clock.set(new Date(DEFAULT_NOW.getTime() + minutes(12 * 60 - 1)));
    try {
      expect((await t.call(contract.staff.me, {}, token)).status).toBe(200);
      t.clock.set(new Date(DEFAULT_NOW.getTime() + minutes(12 * 60 + 1)));
      expect((await t.call(contract.staff.me, {}, token)).status).toBe(401);
    } finally {
      t.clock.set(DEFAULT_NOW);
    }
  });

  it('refuses requests without a valid token, and staff routes to the wrong role', async () => {
    expect((await t.call(contract.admin.accounts, {})).error.code).toBe('UNAUTHENTICATED');
    expect((await t.call(contract.admin.accounts, {}, 'not-a-real-token-at-all-xxxx')).error.code).toBe('UNAUTHENTICATED');
    const res = await t.call(contract.admin.accounts, {}, handler);
    expect(res.status).toBe(403);
    expect(res.error.code).toBe('FORBIDDEN');
  });

  it('lets an admin create, disable and reset accounts within the region', async () => {
    const newAccount = { username: 'xihe-pub', displayName: '吴文书', role: 'village_publisher', regionCode: xihe.code } as const;
    const created = await t.call(contract.admin.createAccount, { body: newAccount }, admin);
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({ username: 'xihe-pub', regionName: '西河村', disabled: false });
    const { id } = created.body.account;
    const firstPassword = created.body.temporaryPassword;
    const session = await t.signIn({ username: 'xihe-pub', password: firstPassword });

    const taken = await t.call(contract.admin.createAccount, { body: newAccount }, admin);
    expect(taken.error.code).toBe('USERNAME_TAKEN');

    const disabled = await t.call(contract.admin.updateAccount, { params: { id }, body: { disabled: true } }, admin);
    expect(disabled.body.disabled).toBe(true);
    expect((await t.call(contract.staff.me, {}, session)).status).toBe(401);
    expect((await login('xihe-pub', firstPassword)).error.code).toBe('LOGIN_FAILED');

    await t.call(contract.admin.updateAccount, { params: { id }, body: { disabled: false } }, admin);
    const reset = await t.call(contract.admin.resetPassword, { params: { id } }, admin);
    expect(reset.status).toBe(200);
    expect(reset.body.temporaryPassword).not.toBe(firstPassword);
    expect((await login('xihe-pub', firstPassword)).status).toBe(401);
    expect((await login('xihe-pub', reset.body.temporaryPassword)).status).toBe(200);
  });

  it("keeps a township admin to the township: other accounts don't exist for it", async () => {
    const created = await t.call(
      contract.admin.createAccount,
      { body: { username: 'taoyuan-admin', displayName: '桃源管理员', role: 'admin', regionCode: taoyuan.code } },
      admin,
    );
    const townshipAdmin = { username: 'taoyuan-admin', password: created.body.temporaryPassword };
    const list = (await t.call(contract.admin.accounts, {}, townshipAdmin)).body.items;
    expect(list.map((a) => a.username)).toEqual(expect.arrayContaining(['taoyuan', publisher.username]));
    expect(list.every((a) => a.regionCode.startsWith(taoyuan.code))).toBe(true);
    const res = await t.call(contract.admin.resetPassword, { params: { id: shimenHandler.id } }, townshipAdmin);
    expect(res.status).toBe(404);
    expect(res.error.code).toBe('ACCOUNT_NOT_FOUND');
    const outside = await t.call(
      contract.admin.createAccount,
      { body: { username: 'sneaky', displayName: '越权者', role: 'admin', regionCode: admin.regionCode } },
      townshipAdmin,
    );
    expect(outside.error.details?.[0]?.field).toBe('body.regionCode');
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
      statuses.push((await t.call(contract.staff.login, { body: { username, password: 'x' } })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429]);
  });
});
