import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataProtection } from '../src/common/data-protection.js';
import { loadConfig } from '../src/config/app-config.js';
import { WechatApi } from '../src/modules/wechat/wechat-api.js';
import { WechatError } from '../src/modules/wechat/wechat-error.js';
import { type WechatStandIn, startWechatStandIn } from './stand-ins/wechat-stand-in.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';

/** What a call throws, as a WechatError. */
async function failureOf(call: Promise<unknown>): Promise<WechatError> {
  const error = await call.then(
    () => new Error('expected the call to fail'),
    (e: unknown) => e,
  );
  if (!(error instanceof WechatError)) throw error;
  return error;
}

describe.each(DATABASE_KINDS)('WeChat sign-in exchange (jscode2session) on %s', (kind) => {
  let wechat: WechatStandIn;
  let t: TestApp;
  let api: WechatApi;
  let now = Date.parse('2026-09-30T02:00:00Z');
  /** A client on the test app's database with the given environment. */
  const clientWith = (env: Record<string, string>) =>
    new WechatApi(loadConfig({ NODE_ENV: 'test', ...env }), t.app.get(DataSource), t.clock, t.app.get(DataProtection));
  beforeAll(async () => {
    wechat = await startWechatStandIn({ now: () => now });
    t = await startTestApp(kind, { ...wechat.env });
    api = clientWith(wechat.env);
  });
  afterAll(async () => {
    await t?.close();
    await wechat?.close();
  });

  it('answers the openid of a success without errcode, and never the session key', async () => {
    const code = wechat.state.issueLoginCode('o-villager-1');
    const session = await api.codeToSession(code);
    expect(session).toEqual({ openid: 'o-villager-1' });
    expect(JSON.stringify(session)).not.toContain('session_key');
    const [sent] = wechat.state.callsTo('jscode2session');
    expect(sent?.query).toEqual({
      appid: wechat.env.WECHAT_APP_ID,
      secret: wechat.env.WECHAT_APP_SECRET,
      js_code: code,
      grant_type: 'authorization_code',
    });
  });

  it('answers the openid and unionid of a success that carries errcode 0', async () => {
    const code = wechat.state.issueLoginCode('o-villager-2', { unionid: 'u-2', withErrcode: true });
    expect(await api.codeToSession(code)).toEqual({ openid: 'o-villager-2', unionid: 'u-2' });
  });

  it('refuses a used, unknown or expired code with WECHAT_CODE_INVALID', async () => {
    const code = wechat.state.issueLoginCode('o-villager-3');
    await api.codeToSession(code);
    const used = await failureOf(api.codeToSession(code));
    expect([used.errcode, used.code]).toEqual([40029, 'WECHAT_CODE_INVALID']);
    expect(used.message).toBe('微信授权已过期，请再点一次重试');
    expect((await failureOf(api.codeToSession('never-issued'))).code).toBe('WECHAT_CODE_INVALID');
    const late = wechat.state.issueLoginCode('o-villager-3');
    now += 5 * 60_000 + 1; // a wx.login code lives 5 minutes
    expect((await failureOf(api.codeToSession(late))).code).toBe('WECHAT_CODE_INVALID');
    // A malformed code is refused without asking WeChat.
    const before = wechat.state.requests.length;
    expect((await failureOf(api.codeToSession('not a code'))).code).toBe('WECHAT_CODE_INVALID');
    expect(wechat.state.requests.length).toBe(before);
  });

  it.each([
    [45011, 'WECHAT_TOO_FREQUENT'],
    [40226, 'WECHAT_USER_BLOCKED'],
  ] as const)('answers errcode %i as %s', async (errcode, domainCode) => {
    wechat.state.failNext('jscode2session', errcode);
    const error = await failureOf(api.codeToSession(wechat.state.issueLoginCode('o-villager-4')));
    expect([error.errcode, error.code]).toEqual([errcode, domainCode]);
  });

  it('retries a busy answer (-1) once: a second -1 is WECHAT_BUSY, a success after one is a success', async () => {
    const calls = () => wechat.state.callsTo('jscode2session').length;
    let before = calls();
    wechat.state.failNext('jscode2session', -1);
    expect(await api.codeToSession(wechat.state.issueLoginCode('o-villager-5'))).toEqual({ openid: 'o-villager-5' });
    expect(calls() - before).toBe(2);

    before = calls();
    wechat.state.failNext('jscode2session', -1, { times: 2 });
    const error = await failureOf(api.codeToSession(wechat.state.issueLoginCode('o-villager-6')));
    expect([error.errcode, error.code]).toEqual([-1, 'WECHAT_BUSY']);
    expect(calls() - before).toBe(2);
  });

  it('answers a wrong secret as WECHAT_UNAVAILABLE, naming no secret', async () => {
    const wrong = clientWith({ ...wechat.env, WECHAT_APP_SECRET: 'not-the-secret-0000' });
    const error = await failureOf(wrong.codeToSession(wechat.state.issueLoginCode('o-villager-7')));
    expect([error.errcode, error.code]).toEqual([40125, 'WECHAT_UNAVAILABLE']);
    expect(error.describe()).not.toContain('not-the-secret-0000');
  });

  it('is off, answering WECHAT_UNAVAILABLE without a request, when no app id and secret are configured', async () => {
    const off = clientWith({ WECHAT_API_BASE: wechat.url });
    const before = wechat.state.requests.length;
    expect(off.enabled).toBe(false);
    expect((await failureOf(off.codeToSession('abc'))).code).toBe('WECHAT_UNAVAILABLE');
    expect(wechat.state.requests.length).toBe(before);
    expect(() => loadConfig({ WECHAT_APP_ID: 'wx1' })).toThrow(/WECHAT_APP_SECRET/);
  });

  it('keeps the app secret out of the configuration when logged or serialised', () => {
    const config = loadConfig({ NODE_ENV: 'test', ...wechat.env });
    expect(JSON.stringify(config)).not.toContain(wechat.env.WECHAT_APP_SECRET);
    expect(String(config.wechat.app?.secret)).toBe('[secret]');
  });

  it('gives up on WeChat after 5 seconds without an answer: WECHAT_UNAVAILABLE', async () => {
    wechat.state.delays.set('jscode2session', 5_500);
    try {
      const started = Date.now();
      const error = await failureOf(api.codeToSession(wechat.state.issueLoginCode('o-villager-9')));
      expect([error.errcode, error.code]).toEqual([null, 'WECHAT_UNAVAILABLE']);
      expect(error.describe()).toContain('TimeoutError');
      expect(Date.now() - started).toBeLessThan(5_400);
    } finally {
      wechat.state.delays.clear();
    }
  });

  it('answers WECHAT_UNAVAILABLE when WeChat cannot be reached', async () => {
    const down = await startWechatStandIn();
    const downApi = clientWith(down.env);
    const code = down.state.issueLoginCode('o-villager-8');
    await down.close();
    const error = await failureOf(downApi.codeToSession(code));
    expect([error.errcode, error.code]).toEqual([null, 'WECHAT_UNAVAILABLE']);
    expect(error.describe()).toMatch(/unreachable \(request failed: ECONNREFUSED\)/);
    expect(error.describe()).not.toContain(down.env.WECHAT_APP_SECRET);
  });
});
