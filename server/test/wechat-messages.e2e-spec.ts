import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataProtection } from '../src/common/data-protection.js';
import { loadConfig } from '../src/config/app-config.js';
import { WechatApi } from '../src/modules/wechat/wechat-api.js';
import { WechatError } from '../src/modules/wechat/wechat-error.js';
import { DATABASE_KINDS } from './support/databases.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { STAND_IN_TEMPLATES, type WechatStandIn, startWechatStandIn } from './stand-ins/wechat-stand-in.js';

/** The content-free progress notice: a status phrase, a line, the date. */
const NOTICE = { phrase1: '已受理', thing2: '您反映的事项有新进展', date3: '2026年9月30日' };

describe.each(DATABASE_KINDS)('WeChat phone number, subscribe messages and text check on %s', (kind) => {
  let wechat: WechatStandIn;
  let t: TestApp;
  let api: WechatApi;
  const clientWith = (env: Record<string, string>) =>
    new WechatApi(loadConfig({ NODE_ENV: 'test', ...env }), t.app.get(DataSource), t.clock, t.app.get(DataProtection));
  beforeAll(async () => {
    wechat = await startWechatStandIn({ now: () => t.clock.now().getTime() });
    t = await startTestApp(kind, { ...wechat.env });
    api = clientWith(wechat.env);
  });
  afterAll(async () => {
    await t?.close();
    await wechat?.close();
  });

  describe('phoneNumber', () => {
    it('answers the number behind a getPhoneNumber code, once, with a valid access token', async () => {
      const code = wechat.state.issuePhoneCode('13800138000');
      expect(await api.phoneNumber(code)).toEqual({ phone: '13800138000', countryCode: '86' });
      const [sent] = wechat.state.callsTo('getuserphonenumber');
      expect(sent?.body).toEqual({ code });
      expect(wechat.state.tokens.has(sent?.query.access_token ?? '')).toBe(true);
      const used = await api.phoneNumber(code).catch((e: unknown) => e);
      expect(used).toBeInstanceOf(WechatError);
      expect([(used as WechatError).errcode, (used as WechatError).code]).toEqual([40029, 'WECHAT_CODE_INVALID']);
    });

    it('renews a token WeChat no longer takes (40001) in normal mode and tries again', async () => {
      wechat.state.revokeAllTokens();
      const before = wechat.state.callsTo('stable_token').length;
      expect(await api.phoneNumber(wechat.state.issuePhoneCode('13900139000'))).toEqual({ phone: '13900139000', countryCode: '86' });
      const refreshes = wechat.state.callsTo('stable_token').slice(before);
      expect(refreshes.map((r) => (r.body as { force_refresh: boolean }).force_refresh)).toEqual([false]);
    });
  });

  describe('sendSubscribeMessage', () => {
    const send = (openid: string, data: Record<string, string> = NOTICE, page = 'pages/lookup/index') =>
      api.sendSubscribeMessage({ openid, templateId: STAND_IN_TEMPLATES.accepted, page, data });

    it('sends one message per grant; without a grant the answer is not_subscribed (43101)', async () => {
      wechat.state.grantSubscription('o-sub-1', STAND_IN_TEMPLATES.accepted);
      expect(await send('o-sub-1')).toEqual({ outcome: 'sent' });
      expect(wechat.state.sentMessages.at(-1)).toEqual({
        touser: 'o-sub-1',
        template_id: STAND_IN_TEMPLATES.accepted,
        page: 'pages/lookup/index',
        data: { phrase1: { value: '已受理' }, thing2: { value: '您反映的事项有新进展' }, date3: { value: '2026年9月30日' } },
      });
      const body = wechat.state.callsTo('subscribe_send').at(-1)?.body as Record<string, unknown>;
      expect([body.miniprogram_state, body.lang]).toEqual(['formal', 'zh_CN']);
      expect(await send('o-sub-1')).toEqual({ outcome: 'not_subscribed' });
    });

    it.each([
      ['phrase1', { ...NOTICE, phrase1: '已经受理完毕' }], // a phrase is at most 5 Chinese characters
      ['phrase1', { ...NOTICE, phrase1: 'OK' }],
      ['thing2', { ...NOTICE, thing2: '您反映的事项有新进展请打开小程序查看详情' + '啊' }], // a thing is at most 20
      ['date3', { ...NOTICE, date3: '明天' }],
    ])('gives up on a value that breaks its keyword rule (47003), naming %s, and keeps the grant', async (keyword, data) => {
      wechat.state.grantSubscription('o-sub-2', STAND_IN_TEMPLATES.accepted);
      expect(await send('o-sub-2', data)).toEqual({ outcome: 'bad_value', keyword });
      expect(wechat.state.grantsLeft('o-sub-2', STAND_IN_TEMPLATES.accepted)).toBe(1);
      expect(await send('o-sub-2')).toEqual({ outcome: 'sent' });
    });

    it('gives up on a page the mini program does not have (41030)', async () => {
      wechat.state.grantSubscription('o-sub-3', STAND_IN_TEMPLATES.accepted);
      expect(await send('o-sub-3', NOTICE, 'pages/no-such-page/index')).toEqual({ outcome: 'bad_page' });
    });

    it('says to try again when WeChat is busy, out of quota, or unreachable', async () => {
      wechat.state.grantSubscription('o-sub-4', STAND_IN_TEMPLATES.accepted);
      wechat.state.failNext('subscribe_send', -1, { times: 2 });
      expect(await send('o-sub-4')).toMatchObject({ outcome: 'retry', errcode: -1 });
      wechat.state.failNext('subscribe_send', 45009);
      expect(await send('o-sub-4')).toMatchObject({ outcome: 'retry', errcode: 45009 });
      const down = clientWith({ ...wechat.env, WECHAT_API_BASE: 'http://127.0.0.1:9' });
      expect(await down.sendSubscribeMessage({ openid: 'o-sub-4', templateId: STAND_IN_TEMPLATES.accepted, data: NOTICE })).toMatchObject({
        outcome: 'retry',
        errcode: null,
      });
      // The grant is still there for the retry.
      expect(await send('o-sub-4')).toEqual({ outcome: 'sent' });
    });

    it('renews the token after 42001 and sends', async () => {
      wechat.state.grantSubscription('o-sub-5', STAND_IN_TEMPLATES.accepted);
      wechat.state.failNext('subscribe_send', 42001);
      expect(await send('o-sub-5')).toEqual({ outcome: 'sent' });
    });
  });

  describe('textCheck', () => {
    it('answers WeChat’s verdict, checking a long text in parts of at most 2,500 characters and keeping the worst', async () => {
      wechat.state.knownOpenids.add('o-text-1');
      wechat.state.textVerdict = (content) =>
        content.includes('书记') ? { suggest: 'review', label: 20001 } : { suggest: 'pass', label: 100 };
      expect(await api.textCheck({ openid: 'o-text-1', content: '村里的路灯坏了', scene: 2 })).toEqual({ suggest: 'pass', label: 100 });
      const before = wechat.state.callsTo('msg_sec_check').length;
      const long = `${'村'.repeat(3000)}村支部书记收了钱`;
      expect(await api.textCheck({ openid: 'o-text-1', content: long, scene: 2 })).toEqual({ suggest: 'review', label: 20001 });
      const parts = wechat.state.callsTo('msg_sec_check').slice(before);
      expect(parts.map((p) => (p.body as { content: string }).content.length)).toEqual([2500, 508]);
      expect(parts.map((p) => (p.body as { content: string }).content).join('')).toBe(long);
      expect(parts[0]?.body).toMatchObject({ version: 2, openid: 'o-text-1', scene: 2 });
    });

    it('throws WeChat’s refusal of an openid that has not opened the mini program', async () => {
      const error = await api.textCheck({ openid: 'o-stranger', content: '路灯坏了', scene: 2 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(WechatError);
      expect((error as WechatError).errcode).toBe(40003);
    });
  });
});
