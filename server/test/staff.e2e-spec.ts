import { contract } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { API_PREFIX } from '@mashang/shared';
import { LoginThrottle } from '../src/modules/staff/login-throttle.js';
import { PasswordHasher } from '../src/modules/staff/passwords.js';
import {
  county,
  fileReport,
  province,
  type Region,
  type StaffFixture,
  TEST_PASSWORD,
  staffAccount,
  township,
  village,
} from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { DEFAULT_NOW, startTestApp, type TestApp } from './support/test-app.js';
import { totpCode } from './support/totp.js';

const minutes = (n: number) => n * 60_000;
const STRONG = '青山绿水村村通公路2026';

describe.each(DATABASE_KINDS)('staff accounts and sessions on %s', (kind) => {
  let t: TestApp;
  let qingshui: Region;
  let taoyuan: Region;
  let dongshan: Region;
  let xihe: Region;
  let admin: StaffFixture;
  let handler: StaffFixture;
  let shimenHandler: StaffFixture;
  let publisher: StaffFixture;
  let supervisor: StaffFixture;
  beforeAll(async () => {
    t = await startTestApp(kind);
    qingshui = await county(t);
    taoyuan = await township(t, qingshui, { name: '桃源镇' });
    const shimen = await township(t, qingshui, { name: '石门乡' });
    dongshan = await village(t, taoyuan, { name: '东山村' });
    xihe = await village(t, taoyuan, { name: '西河村' });
    admin = await staffAccount(t, 'admin', qingshui, { displayName: '周管理' });
    handler = await staffAccount(t, 'township_handler', taoyuan, { username: 'taoyuan', displayName: '李桃源' });
    shimenHandler = await staffAccount(t, 'township_handler', shimen, { displayName: '王石门' });
    publisher = await staffAccount(t, 'village_publisher', dongshan);
    supervisor = await staffAccount(t, 'village_supervisor', dongshan);
  });
  afterAll(async () => {
    await t?.close();
  });
  const at = (ms: number) => t.clock.set(new Date(DEFAULT_NOW.getTime() + ms));
  /** A sign-in from a given client address. */
  const loginFrom = async (address: string, username: string, password: string) => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${API_PREFIX}${contract.staff.login.path}`,
      payload: { username, password },
      remoteAddress: address,
    });
    return { status: res.statusCode, body: JSON.parse(res.body) as { code?: string; token?: string; twoFactorChallenge?: string } };
  };
  const login = (username: string, password: string) => t.call(contract.staff.login, { body: { username, password } });
  const session = async (username: string, password: string) => {
    const res = await login(username, password);
    if (!('token' in res.body)) throw new Error('expected a session');
    return res.body.token;
  };

  it('signs in, answers who is signed in, and signs out', async () => {
    const res = await login(publisher.username, TEST_PASSWORD);
    if (!('token' in res.body)) throw new Error('a village publisher signs in with the password alone');
    expect(res.body.account).toMatchObject({ username: publisher.username, role: 'village_publisher', regionName: '东山村' });
    expect(res.text).not.toContain('password');
    const token = res.body.token;
    expect((await t.call(contract.staff.me, {}, token)).body.username).toBe(publisher.username);
    expect((await t.call(contract.staff.logout, {}, token)).status).toBe(200);
    const after = await t.call(contract.staff.me, {}, token);
    expect(after.status).toBe(401);
    expect(after.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers an unknown user and a wrong password alike, checking a password for both', async () => {
    const verify = jest.spyOn(t.app.get(PasswordHasher), 'verify');
    try {
      const unknown = await loginFrom('10.1.0.1', 'nobody-here', 'whatever-password');
      const wrong = await loginFrom('10.1.0.1', shimenHandler.username, 'wrong-password');
      expect(unknown).toEqual(wrong);
      expect(wrong.body.code).toBe('LOGIN_FAILED');
      expect(verify).toHaveBeenCalledTimes(2);
      // Both slow down after five failures, so a slowdown tells nothing either.
      for (let i = 0; i < 4; i++) {
        await loginFrom('10.1.0.2', 'nobody-here', 'x');
        await loginFrom('10.1.0.2', shimenHandler.username, 'x');
      }
      const [u, k] = [await loginFrom('10.1.0.2', 'nobody-here', 'x'), await loginFrom('10.1.0.2', shimenHandler.username, 'x')];
      expect([u.body.code, k.body.code]).toEqual(['LOGIN_FAILED', 'LOGIN_FAILED']);
      const [u2, k2] = [await loginFrom('10.1.0.2', 'nobody-here', 'x'), await loginFrom('10.1.0.2', shimenHandler.username, 'x')];
      expect(u2).toEqual(k2);
      expect(k2).toMatchObject({ status: 429, body: { code: 'LOGIN_THROTTLED' } });
    } finally {
      verify.mockRestore();
    }
  });

  it('checks at most five of twenty concurrent guesses, and never locks the owner out from another address', async () => {
    const verify = jest.spyOn(t.app.get(PasswordHasher), 'verify');
    try {
      const guesses = await Promise.all(Array.from({ length: 20 }, (_, i) => loginFrom('10.2.0.66', supervisor.username, `guess-${i}`)));
      expect(verify).toHaveBeenCalledTimes(5);
      expect(guesses.filter((g) => g.body.code === 'LOGIN_FAILED')).toHaveLength(5);
      expect(guesses.filter((g) => g.body.code === 'LOGIN_THROTTLED')).toHaveLength(15);
      // The right password from the guessing address is not even checked…
      expect((await loginFrom('10.2.0.66', supervisor.username, TEST_PASSWORD)).body.code).toBe('LOGIN_THROTTLED');
      expect(verify).toHaveBeenCalledTimes(5);
      // …while the owner, elsewhere, signs in.
      const owner = await loginFrom('10.2.0.7', supervisor.username, TEST_PASSWORD);
      expect(owner.status).toBe(200);
      expect(owner.body.token).toEqual(expect.any(String));
      at(minutes(16));
      expect((await loginFrom('10.2.0.66', supervisor.username, TEST_PASSWORD)).status).toBe(200);
    } finally {
      t.clock.set(DEFAULT_NOW);
      verify.mockRestore();
    }
  });

  it('forgives earlier failures on a success, but never a lock that failures running meanwhile set', async () => {
    const throttle = t.app.get(LoginThrottle);
    const limit = { attempts: 5, windowMs: minutes(15) };
    const calm = throttle.key('password:calm', '10.3.0.1');
    for (let i = 0; i < 3; i++) expect(await throttle.take(calm, limit)).toBe(true);
    await throttle.succeeded(calm, limit); // three slots: two failures and this success
    for (let i = 0; i < 5; i++) expect(await throttle.take(calm, limit)).toBe(true);
    expect(await throttle.take(calm, limit)).toBe(false);

    const raced = throttle.key('password:raced', '10.3.0.1');
    expect(await throttle.take(raced, limit)).toBe(true); // the right password, being checked
    for (let i = 0; i < 4; i++) expect(await throttle.take(raced, limit)).toBe(true); // four wrong ones meanwhile: full
    await throttle.succeeded(raced, limit);
    expect(await throttle.take(raced, limit)).toBe(true); // only the success's own slot came back
    expect(await throttle.take(raced, limit)).toBe(false);
  });

  it('ends a session after twelve hours', async () => {
    const token = await t.signIn(publisher);
    at(minutes(12 * 60 - 1));
    try {
      expect((await t.call(contract.staff.me, {}, token)).status).toBe(200);
      at(minutes(12 * 60 + 1));
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

  it('makes a temporary password be changed first, under the password policy', async () => {
    const created = await t.call(
      contract.admin.createAccount,
      { body: { username: 'xihe-pub', displayName: '吴文书', role: 'village_publisher', regionCode: xihe.code } },
      admin,
    );
    expect(created.status).toBe(201);
    expect(created.body.account).toMatchObject({ regionName: '西河村', mustChangePassword: true, twoFactorRequired: false });
    const temporary = created.body.temporaryPassword;
    expect(temporary.length).toBeGreaterThanOrEqual(12);
    const token = await session('xihe-pub', temporary);
    const blocked = await t.call(contract.publishing.list, {}, token);
    expect(blocked.status).toBe(403);
    expect(blocked.error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.call(contract.staff.me, {}, token)).body.mustChangePassword).toBe(true);

    const change = (currentPassword: string, newPassword: string) =>
      t.call(contract.staff.changePassword, { body: { currentPassword, newPassword } }, token);
    expect((await change(temporary, 'short-one')).error.code).toBe('VALIDATION_FAILED');
    for (const weak of ['woaini13145200', '1qaz2wsx3edc', 'Qwertyuiop123', 'xihe-pub-2026-spring', '111111111111!']) {
      const res = await change(temporary, weak);
      expect({ weak, code: res.error.code }).toEqual({ weak, code: 'PASSWORD_TOO_WEAK' });
      expect(res.error.details?.[0]?.field).toBe('body.newPassword');
    }
    expect((await change('not-the-password', STRONG)).error.code).toBe('PASSWORD_INCORRECT');
    const changed = await change(temporary, STRONG);
    expect(changed.body).toMatchObject({ mustChangePassword: false });
    expect((await t.call(contract.publishing.list, {}, token)).status).toBe(200);
    expect((await login('xihe-pub', temporary)).error.code).toBe('LOGIN_FAILED');
    expect((await login('xihe-pub', STRONG)).status).toBe(200);
  });

  it('enrols a township handler in two-factor sign-in, then signs in with a code or a recovery code, each once', async () => {
    const created = await t.call(
      contract.admin.createAccount,
      { body: { username: 'new-handler', displayName: '新干部', role: 'township_handler', regionCode: taoyuan.code } },
      admin,
    );
    const token = await session('new-handler', created.body.temporaryPassword);
    await t.call(contract.staff.changePassword, { body: { currentPassword: created.body.temporaryPassword, newPassword: STRONG } }, token);
    const blocked = await t.call(contract.case.list, {}, token);
    expect(blocked.status).toBe(403);
    expect(blocked.error.code).toBe('TWO_FACTOR_SETUP_REQUIRED');
    expect((await t.call(contract.staff.twoFactorConfirm, { body: { code: '123456' } }, token)).error.code).toBe(
      'TWO_FACTOR_SETUP_NOT_STARTED',
    );

    const setup = (await t.call(contract.staff.twoFactorSetup, {}, token)).body;
    expect(setup.qrCode).toMatch(/^data:image\/png;base64,/);
    expect(setup.otpauthUrl).toContain(`secret=${setup.secret}`);
    const now = () => t.clock.now().getTime() / 1000;
    expect((await t.call(contract.staff.twoFactorConfirm, { body: { code: '000000' } }, token)).error.code).toBe('TWO_FACTOR_CODE_INVALID');
    const confirmed = await t.call(contract.staff.twoFactorConfirm, { body: { code: await totpCode(setup.secret, now()) } }, token);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    expect(new Set(confirmed.body.recoveryCodes).size).toBe(10);
    expect(confirmed.body.account).toMatchObject({ twoFactorEnabled: true });
    expect((await t.call(contract.case.list, {}, token)).status).toBe(200);
    expect((await t.call(contract.staff.twoFactorSetup, {}, token)).error.code).toBe('TWO_FACTOR_ALREADY_ENABLED');

    // Sign-in is now two steps; the code used to confirm cannot be used again.
    const challenge = async () => {
      const first = (await login('new-handler', STRONG)).body;
      if (!('twoFactorChallenge' in first)) throw new Error('expected a challenge');
      return first.twoFactorChallenge;
    };
    const second = (code: string, c: string) => t.call(contract.staff.loginTwoFactor, { body: { challenge: c, code } });
    const first = await challenge();
    expect(await t.call(contract.staff.me, {}, first).then((r) => r.status)).toBe(401);
    expect((await second(await totpCode(setup.secret, now()), first)).error.code).toBe('TWO_FACTOR_CODE_INVALID');
    const signedIn = await second(await totpCode(setup.secret, now() + 30), first);
    expect(signedIn.body.account.username).toBe('new-handler');
    expect((await t.call(contract.case.list, {}, signedIn.body.token)).status).toBe(200);
    expect((await second(await totpCode(setup.secret, now() - 30), first)).error.code).toBe('TWO_FACTOR_CHALLENGE_EXPIRED');

    const recovery = confirmed.body.recoveryCodes[3]!;
    expect((await second(recovery.toUpperCase(), await challenge())).status).toBe(200);
    expect((await second(recovery, await challenge())).error.code).toBe('TWO_FACTOR_CODE_INVALID');
  });

  it('limits the codes tried per challenge and per address', async () => {
    const account = await staffAccount(t, 'county_supervisor', qingshui);
    const challenge = async (address: string) => {
      const first = await loginFrom(address, account.username, TEST_PASSWORD);
      return first.body.twoFactorChallenge!;
    };
    const tryCode = async (address: string, c: string, code: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: `${API_PREFIX}${contract.staff.loginTwoFactor.path}`,
        payload: { challenge: c, code },
        remoteAddress: address,
      });
      return (JSON.parse(res.body) as { code: string }).code;
    };
    const c1 = await challenge('10.4.0.1');
    const codes = [];
    for (let i = 0; i < 6; i++) codes.push(await tryCode('10.4.0.1', c1, `00000${i}`));
    expect(codes).toEqual([...Array<string>(5).fill('TWO_FACTOR_CODE_INVALID'), 'TWO_FACTOR_CHALLENGE_EXPIRED']);
    // A new challenge from the same address does not bring new guesses.
    expect(await tryCode('10.4.0.1', await challenge('10.4.0.1'), '000009')).toBe('LOGIN_THROTTLED');
    // From another address the owner still gets in.
    const c2 = await challenge('10.4.0.2');
    const right = await totpCode(account.totpSecret!, t.clock.now().getTime() / 1000);
    expect(await tryCode('10.4.0.2', c2, right)).toBeUndefined();
  });

  it('lets an admin create, disable and reset accounts within the region, each in the audit log by name', async () => {
    const newAccount = { username: 'dongshan-pub2', displayName: '郑文书', role: 'village_publisher', regionCode: dongshan.code } as const;
    const created = await t.call(contract.admin.createAccount, { body: newAccount }, admin);
    const { id } = created.body.account;
    const first = created.body.temporaryPassword;
    const token = await session('dongshan-pub2', first);
    expect((await t.call(contract.admin.createAccount, { body: newAccount }, admin)).error.code).toBe('USERNAME_TAKEN');
    expect((await t.call(contract.admin.updateAccount, { params: { id }, body: {} }, admin)).error.code).toBe('VALIDATION_FAILED');

    const update = (body: Parameters<typeof t.call<typeof contract.admin.updateAccount>>[1]['body']) =>
      t.call(contract.admin.updateAccount, { params: { id }, body }, admin);
    expect((await update({ disabled: true })).body.disabled).toBe(true);
    expect((await t.call(contract.staff.me, {}, token)).status).toBe(401);
    expect((await login('dongshan-pub2', first)).error.code).toBe('LOGIN_FAILED');
    await update({ disabled: false });
    expect((await update({ role: 'village_supervisor', displayName: '郑监督' })).body).toMatchObject({ role: 'village_supervisor' });
    expect((await update({ regionCode: xihe.code })).body.regionName).toBe('西河村');
    const wrongLevel = await update({ role: 'township_handler' });
    expect(wrongLevel.error.details?.[0]?.field).toBe('body.role');
    const reset = await t.call(contract.admin.resetPassword, { params: { id } }, admin);
    expect(reset.body.temporaryPassword).not.toBe(first);
    expect(reset.body.account.mustChangePassword).toBe(true);
    expect((await login('dongshan-pub2', reset.body.temporaryPassword)).status).toBe(200);

    const log = await t.call(contract.admin.auditLog, {}, admin);
    expect(log.text).not.toContain('dongshan-pub2');
    const mine = log.body.items.filter((e) => e.target === '郑监督').reverse();
    expect(mine.map((e) => [e.actor, e.actionLabel])).toEqual([
      ['周管理', '创建账号'],
      ['周管理', '停用账号'],
      ['周管理', '启用账号'],
      ['周管理', '修改账号'],
      ['周管理', '修改账号'],
      ['周管理', '重置密码'],
    ]);
    expect(mine[0]!.changes).toEqual([
      { label: '姓名', from: null, to: '郑文书' },
      { label: '角色', from: null, to: '村报账员' },
      { label: '所属区划', from: null, to: '东山村' },
    ]);
    expect(mine[3]!.changes).toEqual([
      { label: '姓名', from: '郑文书', to: '郑监督' },
      { label: '角色', from: '村报账员', to: '村务监督委员会主任' },
    ]);
    expect(mine[4]!.changes).toEqual([{ label: '所属区划', from: '东山村', to: '西河村' }]);
  });

  it('flags a reveal by an account created within a day, and records refused reveals', async () => {
    const report = await fileReport(t, dongshan, { mode: 'real_name', reporter: { name: '张秀英', phone: '13912345678' } });
    const reveal = (as: StaffFixture) => t.call(contract.case.reveal, { params: { reportNo: report.reportNo } }, as);
    expect((await reveal(handler)).body.name).toBe('张秀英');
    const fresh = await staffAccount(t, 'township_handler', taoyuan, { displayName: '刚来的', createdAt: t.clock.now() });
    expect((await reveal(fresh)).status).toBe(200);
    expect((await reveal(shimenHandler)).error.code).toBe('CASE_NOT_FOUND');
    expect((await reveal(publisher)).error.code).toBe('FORBIDDEN');

    const entries = (await t.call(contract.admin.auditLog, {}, admin)).body.items.filter((e) => e.reportNo === report.reportNo).reverse();
    expect(entries.map((e) => [e.actor, e.action, e.flagged])).toEqual([
      ['李桃源', 'reveal_reporter', false],
      ['刚来的', 'reveal_reporter', true],
      ['王石门', 'reveal_refused', false],
      [publisher.displayName, 'reveal_refused', false],
    ]);
    expect(entries[2]!.changes).toEqual([{ label: '原因', from: null, to: '没有找到这件反映' }]);
  });

  it("keeps a township admin to the township: other accounts don't exist for it", async () => {
    const townshipAdmin = await staffAccount(t, 'admin', taoyuan);
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

  it('leaves admin accounts to an admin of a higher level: never its own, nor a peer’s', async () => {
    const peer = await staffAccount(t, 'admin', qingshui, { displayName: '同级管理员' });
    const shiDianSheng = await province(t);
    const refused = (res: { status: number; error: { code: string } }) => {
      expect(res.status).toBe(403);
      expect(res.error.code).toBe('ACCOUNT_NOT_MANAGEABLE');
    };
    refused(await t.call(contract.admin.updateAccount, { params: { id: admin.id }, body: { role: 'county_supervisor' } }, admin));
    refused(await t.call(contract.admin.updateAccount, { params: { id: admin.id }, body: { regionCode: shiDianSheng.code } }, admin));
    refused(await t.call(contract.admin.resetPassword, { params: { id: admin.id } }, admin));
    refused(await t.call(contract.admin.resetPassword, { params: { id: peer.id } }, admin));
    refused(await t.call(contract.admin.updateAccount, { params: { id: peer.id }, body: { disabled: true } }, admin));
    refused(
      await t.call(contract.admin.updateAccount, { params: { id: handler.id }, body: { role: 'admin', regionCode: qingshui.code } }, admin),
    );
    refused(
      await t.call(
        contract.admin.createAccount,
        { body: { username: 'peer-admin', displayName: '新管理员', role: 'admin', regionCode: qingshui.code } },
        admin,
      ),
    );
    const unchanged = (await t.call(contract.admin.accounts, {}, admin)).body.items.find((a) => a.id === admin.id);
    expect(unchanged).toMatchObject({ role: 'admin', regionCode: qingshui.code, disabled: false });

    const provinceAdmin = await staffAccount(t, 'admin', shiDianSheng, { displayName: '省管理员' });
    const reset = await t.call(contract.admin.resetPassword, { params: { id: peer.id } }, provinceAdmin);
    expect(reset.status).toBe(200);
    expect(reset.body.account.mustChangePassword).toBe(true);
    const townshipAdmin = await staffAccount(t, 'admin', taoyuan, { displayName: '乡镇管理员' });
    expect((await t.call(contract.admin.resetPassword, { params: { id: townshipAdmin.id } }, admin)).status).toBe(200);
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
