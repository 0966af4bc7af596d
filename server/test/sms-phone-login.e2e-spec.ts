import { API_PREFIX, REPORTER_TOKEN_HEADER, contract } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { ReporterAccountEntity } from '../src/modules/reporter/reporter.entities.js';
import { CODE_LIFETIME_MS } from '../src/modules/notification/phone-login.js';
import { county, fileReport, type Region, township, village } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { type SmsStandIn, startSmsStandIn } from './stand-ins/sms-stand-in.js';

const PHONE = '13712345678';

describe.each(DATABASE_KINDS)('phone sign-in by SMS code on %s', (kind) => {
  let t: TestApp;
  let sms: SmsStandIn;
  let dongshan: Region;
  let nextPhone = 13600000000;
  /** A phone no other test uses, so per-phone limits start afresh. */
  const freshPhone = () => String(++nextPhone);

  beforeAll(async () => {
    sms = await startSmsStandIn();
    t = await startTestApp(kind, sms.env);
    const qingshui = await county(t);
    dongshan = await village(t, await township(t, qingshui, { name: '桃源镇' }), { name: '东山村' });
  });
  afterAll(async () => {
    await t?.close();
    await sms?.close();
  });

  const later = (ms: number) => t.clock.set(new Date(t.clock.now().getTime() + ms));
  const askCode = (phone: string) => t.call(contract.notification.sendPhoneCode, { body: { phone } });
  const signIn = (phone: string, code: string) => t.call(contract.notification.openPhoneSession, { body: { phone, code } });
  const lastCode = (phone: string) => sms.state.codesSentTo(phone).at(-1)!;
  const myReports = (token: string) =>
    t.request('GET', `${API_PREFIX}${contract.reporterAccount.myReports.path}`, undefined, undefined, { [REPORTER_TOKEN_HEADER]: token });
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  it('says SMS notices and phone sign-in are on', async () => {
    expect((await t.call(contract.notification.templates, {})).body).toEqual({ templates: [], smsNotifications: true, phoneLogin: true });
  });

  it('signs a reporter in by a code sent to the phone, and lists the real-name reports filed with it', async () => {
    const { reportNo } = await fileReport(t, dongshan, { mode: 'real_name', reporter: { name: '赵春花', phone: PHONE } });
    const asked = await askCode(PHONE);
    expect(asked.body).toEqual({ resendAfterSeconds: 60, expiresInSeconds: 300 });
    const [message] = sms.state.sent.filter((s) => s.phone === `+86${PHONE}`);
    expect(message).toMatchObject({ templateId: sms.env.SMS_TEMPLATE_CODE, params: [expect.stringMatching(/^\d{6}$/), '5'] });

    const session = await signIn(PHONE, lastCode(PHONE));
    expect(session.status).toBe(201);
    const list = await myReports(session.body.token);
    expect(list.status).toBe(200);
    expect((list.body as { items: Array<{ ref: string }> }).items.map((r) => r.ref)).toEqual([reportNo]);
    // A code is used once.
    expect((await signIn(PHONE, lastCode(PHONE))).error.code).toBe('PHONE_CODE_INVALID');
  });

  it("lists and opens only the reports filed in H5 with the phone: not a WeChat account's, nor one staff registered from a letter", async () => {
    const phone = freshPhone();
    const reporter = { name: '孙桂兰', phone };
    const h5 = await fileReport(t, dongshan, { mode: 'real_name', reporter });
    const letter = await fileReport(t, dongshan, { mode: 'real_name', reporter });
    const wechat = await fileReport(t, dongshan, { mode: 'real_name', reporter });
    const db = t.app.get(DataSource);
    await db.query("UPDATE reports SET channel = 'letter' WHERE report_no = ?", [letter.reportNo]);
    const account = await db
      .getRepository(ReporterAccountEntity)
      .insert({ openidHash: 'b'.repeat(64), openidEnc: 'not-read-here', createdAt: t.clock.now() });
    await db.query('UPDATE reports SET reporter_account_id = ? WHERE report_no = ?', [account.identifiers[0]!.id, wechat.reportNo]);

    await askCode(phone);
    const session = await signIn(phone, lastCode(phone));
    const list = (await myReports(session.body.token)).body as { items: Array<{ ref: string }>; total: number };
    expect(list).toMatchObject({ items: [{ ref: h5.reportNo }], total: 1 });
    const open = (ref: string) =>
      t.request('GET', `${API_PREFIX}/me/reports/${ref}`, undefined, undefined, { [REPORTER_TOKEN_HEADER]: session.body.token });
    expect((await open(h5.reportNo)).status).toBe(200);
    for (const other of [letter, wechat]) expect((await open(other.reportNo)).error.code).toBe('REPORT_NOT_FOUND');
  });

  it('answers a phone without reports exactly as one with them: a code, a session, an empty list', async () => {
    const phone = freshPhone();
    expect((await askCode(phone)).body).toEqual({ resendAfterSeconds: 60, expiresInSeconds: 300 });
    const session = await signIn(phone, lastCode(phone));
    expect(session.status).toBe(201);
    expect((await myReports(session.body.token)).body).toMatchObject({ items: [], total: 0 });
  });

  it('keeps the code only as a hash, for five minutes and five tries', async () => {
    const phone = freshPhone();
    await askCode(phone);
    const code = lastCode(phone);
    const rows = await t.app.get(DataSource).query<Array<Record<string, unknown>>>('SELECT * FROM phone_codes');
    expect(JSON.stringify(rows)).not.toContain(code);
    expect(JSON.stringify(rows)).not.toContain(phone);

    for (let i = 0; i < 5; i++) expect((await signIn(phone, wrong(code))).error.code).toBe('PHONE_CODE_INVALID');
    // The sixth try is refused even with the right code.
    expect((await signIn(phone, code)).error.code).toBe('PHONE_CODE_INVALID');

    later(60_000);
    await askCode(phone);
    later(5 * 60_000 + 1000);
    expect((await signIn(phone, lastCode(phone))).error.code).toBe('PHONE_CODE_INVALID');
    later(60_000);
    await askCode(phone);
    expect((await signIn(phone, lastCode(phone))).status).toBe(201);
  });

  it('removes expired codes when the next one is asked for, so no hash of a phone that asked is kept beyond its code', async () => {
    const [first, second] = [freshPhone(), freshPhone()];
    await askCode(first);
    const countOf = async () =>
      Number((await t.app.get(DataSource).query<Array<{ n: number | string }>>('SELECT COUNT(*) AS n FROM phone_codes'))[0]!.n);
    expect(await countOf()).toBeGreaterThan(0);
    later(CODE_LIFETIME_MS + 1000);
    await askCode(second);
    expect(await countOf()).toBe(1);
  });

  it('sends one code a minute and five an hour to a phone, and twenty an hour from one address', async () => {
    later(3_600_000);
    const phone = freshPhone();
    expect((await askCode(phone)).status).toBe(200);
    expect((await askCode(phone)).error.code).toBe('RATE_LIMITED');
    for (let i = 0; i < 4; i++) {
      later(60_000);
      expect((await askCode(phone)).status).toBe(200);
    }
    later(60_000);
    expect((await askCode(phone)).error.code).toBe('RATE_LIMITED');

    later(3_600_000);
    for (let i = 0; i < 20; i++) expect((await askCode(freshPhone())).status).toBe(200);
    expect((await askCode(freshPhone())).error.code).toBe('RATE_LIMITED');
  });

  it('says SMS is unavailable while the provider is down, and keeps no code', async () => {
    later(3_600_000);
    const phone = freshPhone();
    await sms.pause();
    try {
      expect((await askCode(phone)).error.code).toBe('SMS_UNAVAILABLE');
    } finally {
      await sms.resume();
    }
    expect((await signIn(phone, '000000')).error.code).toBe('PHONE_CODE_INVALID');
  });
});

describe.each(DATABASE_KINDS)('the cap on all sign-in codes on %s', (kind) => {
  let t: TestApp;
  let sms: SmsStandIn;
  beforeAll(async () => {
    sms = await startSmsStandIn();
    t = await startTestApp(kind, { ...sms.env, SMS_CODES_PER_HOUR: '3', SMS_CODES_PER_DAY: '4' });
  });
  afterAll(async () => {
    await t?.close();
    await sms?.close();
  });

  it("sends no more codes than the hour's and the day's cap, whatever the phones, and says SMS is unavailable beyond them", async () => {
    const askCode = (phone: string) => t.call(contract.notification.sendPhoneCode, { body: { phone } });
    const day = new Date('2026-11-02T01:00:00Z');
    t.clock.set(day);
    for (const phone of ['13500000001', '13500000002', '13500000003']) expect((await askCode(phone)).status).toBe(200);
    expect((await askCode('13500000004')).error.code).toBe('SMS_UNAVAILABLE');
    expect(sms.state.sent).toHaveLength(3);
    // The next hour: one more, which is the day's fourth and last.
    t.clock.set(new Date(day.getTime() + 60 * 60_000));
    expect((await askCode('13500000005')).status).toBe(200);
    expect((await askCode('13500000006')).error.code).toBe('SMS_UNAVAILABLE');
    expect(sms.state.sent).toHaveLength(4);
    // The next day: codes again.
    t.clock.set(new Date(day.getTime() + 24 * 60 * 60_000));
    expect((await askCode('13500000007')).status).toBe(200);
  });
});

describe.each(DATABASE_KINDS)('phone sign-in without SMS on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(kind);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is off, and says so', async () => {
    expect((await t.call(contract.notification.templates, {})).body).toEqual({ templates: [], smsNotifications: false, phoneLogin: false });
    expect((await t.call(contract.notification.sendPhoneCode, { body: { phone: PHONE } })).error.code).toBe('SMS_UNAVAILABLE');
    expect((await t.call(contract.notification.openPhoneSession, { body: { phone: PHONE, code: '123456' } })).error.code).toBe(
      'SMS_UNAVAILABLE',
    );
  });
});
