import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { DataProtection } from '../src/common/data-protection.js';
import { loadConfig } from '../src/config/app-config.js';
import { WechatTokens1765670400000 } from '../src/database/migrations/1765670400000-wechat-tokens.js';
import { WechatApi } from '../src/modules/wechat/wechat-api.js';
import { WechatError } from '../src/modules/wechat/wechat-error.js';
import { describeIf } from '../../test/support/jest-helpers.js';
import { DATABASE_KINDS } from './support/databases.js';
import { DEFAULT_NOW, startTestApp, type TestApp } from './support/test-app.js';
import { type WechatStandIn, startWechatStandIn } from './stand-ins/wechat-stand-in.js';

/** Everything the server writes to stdout and stderr while `run` runs, with every log level on. */
async function serverOutputOf(run: () => Promise<void>): Promise<string> {
  const written: string[] = [];
  const original = { out: process.stdout.write.bind(process.stdout), err: process.stderr.write.bind(process.stderr) };
  const capture = (chunk: unknown) => {
    written.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return true;
  };
  Logger.overrideLogger(['log', 'warn', 'error', 'debug', 'verbose']);
  process.stdout.write = capture;
  process.stderr.write = capture;
  try {
    await run();
  } finally {
    process.stdout.write = original.out;
    process.stderr.write = original.err;
    Logger.overrideLogger(['error']);
  }
  return written.join('');
}

describe.each(DATABASE_KINDS)('WeChat access token shared through the database on %s', (kind) => {
  let wechat: WechatStandIn;
  let t: TestApp;
  /** A server instance's client: its own memory, the shared database. */
  const instance = () => new WechatApi(t.config, t.app.get(DataSource), t.clock, t.app.get(DataProtection));
  const stableTokenCalls = () => wechat.state.callsTo('stable_token').length;
  const storedRow = async () => {
    const rows: Array<Record<string, unknown>> = await t.app.get(DataSource).query('SELECT * FROM wechat_tokens');
    return rows[0]!;
  };

  beforeAll(async () => {
    wechat = await startWechatStandIn({ now: () => t.clock.now().getTime() });
    t = await startTestApp(kind, { ...wechat.env });
  });
  afterAll(async () => {
    await t?.close();
    await wechat?.close();
  });
  afterEach(() => {
    wechat.state.delays.clear();
  });

  it('is fetched once for two instances asking at the same time, and stored encrypted', async () => {
    const [a, b] = [instance(), instance()];
    const tokens = await Promise.all([a.accessToken(), b.accessToken(), a.accessToken(), b.accessToken()]);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).toHaveLength(512);
    expect(stableTokenCalls()).toBe(1);
    expect(wechat.state.callsTo('stable_token')[0]?.body).toEqual({
      grant_type: 'client_credential',
      appid: wechat.env.WECHAT_APP_ID,
      secret: wechat.env.WECHAT_APP_SECRET,
      force_refresh: false,
    });
    const row = await storedRow();
    expect(String(row.access_token)).not.toContain(tokens[0]);
    expect(t.app.get(DataProtection).decrypt(String(row.access_token))).toBe(tokens[0]);
    // A third instance, started later, reads it from the database.
    expect(await instance().accessToken()).toBe(tokens[0]);
    expect(stableTokenCalls()).toBe(1);
  });

  it('is refreshed by one instance about five minutes before its end while the others keep the old one', async () => {
    const [a, b] = [instance(), instance()];
    const old = await a.accessToken();
    expect(await b.accessToken()).toBe(old);
    const before = stableTokenCalls();
    // Six minutes before the end: still the old one, nobody asks.
    t.clock.set(new Date(DEFAULT_NOW.getTime() + (7200 - 360) * 1000));
    expect(await a.accessToken()).toBe(old);
    expect(stableTokenCalls()).toBe(before);
    // Four minutes before the end: one instance refreshes (slowly); the other answers with the old token meanwhile.
    t.clock.set(new Date(DEFAULT_NOW.getTime() + (7200 - 240) * 1000));
    wechat.state.delays.set('stable_token', 300);
    const refreshing = a.accessToken();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await b.accessToken()).toBe(old);
    const fresh = await refreshing;
    expect(fresh).not.toBe(old);
    expect(stableTokenCalls()).toBe(before + 1);
    expect(await b.accessToken()).toBe(fresh);
    expect(stableTokenCalls()).toBe(before + 1);
  });

  it('waits for another instance’s refresh when it holds no token still good', async () => {
    t.clock.set(new Date(DEFAULT_NOW.getTime() + 3 * 7200 * 1000)); // every token issued so far has ended
    const [a, b] = [instance(), instance()];
    const before = stableTokenCalls();
    wechat.state.delays.set('stable_token', 300);
    const first = a.accessToken();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = b.accessToken();
    expect(await second).toBe(await first);
    expect(stableTokenCalls()).toBe(before + 1);
  });

  it('stops asking until China’s next midnight once WeChat answers 45009, keeping an old token that still works', async () => {
    const start = DEFAULT_NOW.getTime() + 10 * 7200 * 1000;
    t.clock.set(new Date(start));
    const a = instance();
    const old = await a.accessToken();
    t.clock.set(new Date(start + (7200 - 200) * 1000));
    wechat.state.failNext('stable_token', 45009, { errmsg: 'reach max api daily quota limit' });
    const before = stableTokenCalls();
    expect(await a.accessToken()).toBe(old);
    expect(stableTokenCalls()).toBe(before + 1);
    expect(Number((await storedRow()).blocked_until)).toBeGreaterThan(start);
    // Past the old token's end, still before midnight: refused without asking.
    t.clock.set(new Date(start + 7200 * 1000 + 1000));
    const error = await instance()
      .accessToken()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WechatError);
    expect([(error as WechatError).errcode, (error as WechatError).code]).toEqual([45009, 'WECHAT_UNAVAILABLE']);
    expect(stableTokenCalls()).toBe(before + 1);
    // The next day in China, asked again.
    t.clock.set(new Date(Number((await storedRow()).blocked_until) + 1000));
    expect(await instance().accessToken()).not.toBe(old);
    expect(stableTokenCalls()).toBe(before + 2);
  });

  it('forces a new token only when WeChat refuses the one it calls current, at most once in 30 s and 20 times a China day', async () => {
    const start = Date.parse('2026-10-08T16:30:00Z'); // 00:30 on 9 October in China
    t.clock.set(new Date(start));
    const a = instance();
    const forced = () => wechat.state.callsTo('stable_token').filter((r) => (r.body as { force_refresh: boolean }).force_refresh).length;
    const phone = () => a.phoneNumber(wechat.state.issuePhoneCode('13700137000'));
    await a.accessToken();
    const before = forced();
    const output = await serverOutputOf(async () => {
      for (let i = 0; i < 20; i++) {
        t.clock.set(new Date(start + i * 31_000));
        // WeChat refuses a token that its normal mode still hands out: only a forced refresh helps.
        wechat.state.failNext('getuserphonenumber', 40001);
        expect(await phone()).toEqual({ phone: '13700137000', countryCode: '86' });
      }
    });
    expect(forced() - before).toBe(20);
    expect(output).toContain('Forced a new WeChat access token (20 of 20 today)');
    for (const token of wechat.state.tokens.keys()) expect(output).not.toContain(token);
    // The 21st the same China day is refused here, without asking WeChat.
    t.clock.set(new Date(start + 20 * 31_000));
    wechat.state.failNext('getuserphonenumber', 40001);
    expect(await phone().catch((e: unknown) => (e as WechatError).code)).toBe('WECHAT_UNAVAILABLE');
    expect(forced() - before).toBe(20);
    // The next China day: allowed again, but not twice within 30 s.
    t.clock.set(new Date(start + 24 * 3600_000));
    wechat.state.failNext('getuserphonenumber', 40001);
    await phone();
    t.clock.set(new Date(start + 24 * 3600_000 + 10_000));
    wechat.state.failNext('getuserphonenumber', 40001);
    expect(await phone().catch((e: unknown) => (e as WechatError).code)).toBe('WECHAT_UNAVAILABLE');
    expect(forced() - before).toBe(21);
  });

  it('never writes the token or the app secret to the server log', async () => {
    const issued: string[] = [];
    const output = await serverOutputOf(async () => {
      t.clock.set(new Date('2026-11-01T00:00:00Z')); // after every token the tests above were given
      issued.push(await instance().accessToken());
      t.clock.set(new Date('2026-11-01T02:00:00Z'));
      wechat.state.failNext('stable_token', 40164, { errmsg: 'invalid ip, not in whitelist' });
      await instance()
        .accessToken()
        .catch(() => undefined);
      issued.push(await instance().accessToken());
      const wrongSecret = new WechatApi(
        loadConfig({ NODE_ENV: 'test', ...wechat.env, WECHAT_APP_SECRET: 'a-wrong-secret-0001' }),
        t.app.get(DataSource),
        t.clock,
        t.app.get(DataProtection),
      );
      await wrongSecret.codeToSession(wechat.state.issueLoginCode('o-log-1')).catch(() => undefined);
    });
    expect(output).toContain('WeChat call failed: jscode2session: errcode 40125');
    expect(output).not.toContain('a-wrong-secret-0001');
    expect(output).toContain('WeChat access token not renewed: stable_token: errcode 40164');
    for (const token of [...issued, ...wechat.state.tokens.keys()]) expect(output).not.toContain(token);
    expect(output).not.toContain(wechat.env.WECHAT_APP_SECRET);
  });

  it('has a migration that drops the table and makes it again', async () => {
    const runner = t.app.get(DataSource).createQueryRunner();
    try {
      await new WechatTokens1765670400000().down(runner);
      expect(await runner.hasTable('wechat_tokens')).toBe(false);
      await new WechatTokens1765670400000().up(runner);
      expect(await runner.hasTable('wechat_tokens')).toBe(true);
    } finally {
      await runner.release();
    }
    // A fresh table: the token is fetched again and stored.
    expect(await instance().accessToken()).toHaveLength(512);
  });
});

describeIf(DATABASE_KINDS.includes('mysql'))('WeChat access token of two servers on one MySQL database', () => {
  let wechat: WechatStandIn;
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    wechat = await startWechatStandIn({ now: () => first.clock.now().getTime() });
    first = await startTestApp('mysql', { ...wechat.env });
    second = await startTestApp('mysql', { ...wechat.env }, first);
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await wechat?.close();
  });

  it('is fetched by one of them when both ask at once, and refreshed by one of them', async () => {
    const [a, b] = [first.app.get(WechatApi), second.app.get(WechatApi)];
    const tokens = await Promise.all([a.accessToken(), b.accessToken(), a.accessToken(), b.accessToken()]);
    expect(new Set(tokens).size).toBe(1);
    expect(wechat.state.callsTo('stable_token')).toHaveLength(1);
    for (const t of [first, second]) t.clock.set(new Date(DEFAULT_NOW.getTime() + (7200 - 200) * 1000));
    const renewed = await Promise.all([a.accessToken(), b.accessToken()]);
    expect(wechat.state.callsTo('stable_token')).toHaveLength(2);
    // The one that lost the claim answered with the old token, still good, or waited for the new one.
    expect(renewed.every((token) => token === tokens[0] || token === wechat.state.currentToken)).toBe(true);
    expect(await b.accessToken()).toBe(wechat.state.currentToken);
    expect(await a.accessToken()).toBe(wechat.state.currentToken);
    expect(wechat.state.callsTo('stable_token')).toHaveLength(2);
  });
});
