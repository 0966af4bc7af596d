/**
 * `WechatApi`: the server's one client of WeChat's platform API (WECHAT.md), over real HTTP to
 * WECHAT_API_BASE. Public surface:
 * - `enabled` — whether WECHAT_APP_ID / WECHAT_APP_SECRET are set; when not, every call throws
 *   WECHAT_UNAVAILABLE.
 * - `codeToSession(code)` → `{ openid, unionid? }` (jscode2session). WeChat's session_key is dropped
 *   here and never leaves this class. Failures are `WechatError`s whose DomainError code is the
 *   villager's answer: 40029 WECHAT_CODE_INVALID, 45011 WECHAT_TOO_FREQUENT, 40226
 *   WECHAT_USER_BLOCKED, -1 (after one retry) WECHAT_BUSY, anything else WECHAT_UNAVAILABLE.
 * - `accessToken()` — the stable access token shared by all instances through the database
 *   (see wechat-tokens.ts). Calls that need it renew it once on 40001/42001 and retry.
 * - `phoneNumber(code)` → `{ phone, countryCode }` (getuserphonenumber, the getPhoneNumber button's
 *   code). Failures as for codeToSession (40029 WECHAT_CODE_INVALID …).
 * - `sendSubscribeMessage(message)` → a `SubscribeSendResult`, never a throw: `sent`; `not_subscribed`
 *   (43101) and `bad_value` (47003, with the keyword) and `bad_page` (41030) mean give up; `retry` means
 *   try again later (WeChat busy or unreachable, quota, token trouble …).
 * - `textCheck({ openid, content, scene })` → `{ suggest, label }` (msg_sec_check v2); content longer
 *   than WeChat's 2,500 characters is checked in parts and the most severe verdict kept. Throws
 *   `WechatError`.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { DataProtection } from '../../common/data-protection.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { WECHAT_ERRCODE, type WechatApiName, WechatError } from './wechat-error.js';
import { WechatHttp } from './wechat-http.js';
import { WechatTokens } from './wechat-tokens.js';

/** A phone number WeChat verified for the user (the number without country code, and the code). */
export interface WechatPhone {
  phone: string;
  countryCode: string;
}

/** A one-time subscribe message. `data` maps each template keyword (`thing2`) to its value. */
export interface SubscribeMessage {
  openid: string;
  templateId: string;
  /** The mini program page the message opens, e.g. `pages/mine/index?ref=…`. */
  page?: string;
  data: Record<string, string>;
  /** Which build the message opens: the released one unless said otherwise. */
  miniprogramState?: 'developer' | 'trial' | 'formal';
}

/** What became of a subscribe message, for the notification worker to act on. */
export type SubscribeSendResult =
  | { outcome: 'sent' }
  /** 43101: the user did not grant this template, or the grant was used: give up. */
  | { outcome: 'not_subscribed' }
  /** 47003: a value breaks its keyword's rule: give up, and log the keyword (never the value). */
  | { outcome: 'bad_value'; keyword: string | null }
  /** 41030: the page does not exist in the released mini program: give up. */
  | { outcome: 'bad_page' }
  /** Anything else: try again later. */
  | { outcome: 'retry'; errcode: number | null; reason: string };

export type TextCheckScene = 1 | 2 | 3 | 4;

/** WeChat's verdict on a text: `label` 100 is normal, 20001 political … (WECHAT.md). */
export interface TextVerdict {
  suggest: 'pass' | 'review' | 'risky';
  label: number;
}

const SUGGEST_SEVERITY: Record<TextVerdict['suggest'], number> = { pass: 0, review: 1, risky: 2 };
/** msg_sec_check's limit on one content, in characters. */
const TEXT_CHECK_MAX = 2_500;

export interface WechatSession {
  openid: string;
  /** Only when the mini program is bound to an Open Platform account. */
  unionid?: string;
}

/** A `wx.login` or getPhoneNumber code as WeChat hands them out; anything else is refused without a call. */
const LOGIN_CODE = /^[A-Za-z0-9_-]{1,128}$/;

@Injectable()
export class WechatApi {
  private readonly logger = new Logger('Wechat');
  private readonly http: WechatHttp;
  private readonly tokens: WechatTokens | null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    dataSource: DataSource,
    clock: Clock,
    protection: DataProtection,
  ) {
    this.http = new WechatHttp(config.wechat.apiBase);
    const app = config.wechat.app;
    this.tokens = app ? new WechatTokens(app, this.http, dataSource, clock, protection) : null;
  }

  /** Whether WeChat is configured; callers may check first to answer without trying. */
  get enabled(): boolean {
    return this.config.wechat.app !== null;
  }

  /** Exchanges a `wx.login` code for the user's openid. */
  async codeToSession(code: string): Promise<WechatSession> {
    const app = this.app('jscode2session');
    if (!LOGIN_CODE.test(code)) throw new WechatError('jscode2session', 40029, 'malformed code, not sent');
    const answer = await this.http
      .call<{ openid?: unknown; unionid?: unknown; session_key?: unknown }>('jscode2session', {
        method: 'GET',
        path: '/sns/jscode2session',
        query: { appid: app.id, secret: app.secret.reveal(), js_code: code, grant_type: 'authorization_code' },
      })
      .catch((error: unknown) => this.noteOutage(error));
    // Only these two leave: the session key is never copied out of the answer.
    const { openid, unionid } = answer;
    if (typeof openid !== 'string' || openid === '') throw new WechatError('jscode2session', null, 'answer has no openid');
    return typeof unionid === 'string' && unionid !== '' ? { openid, unionid } : { openid };
  }

  /** The phone number behind a getPhoneNumber button's one-time code. */
  async phoneNumber(code: string): Promise<WechatPhone> {
    if (!LOGIN_CODE.test(code)) throw new WechatError('getuserphonenumber', 40029, 'malformed code, not sent');
    const answer = await this.withToken('getuserphonenumber', (token) =>
      this.http.call<{ phone_info?: { purePhoneNumber?: unknown; countryCode?: unknown } }>('getuserphonenumber', {
        method: 'POST',
        path: '/wxa/business/getuserphonenumber',
        query: { access_token: token },
        body: { code },
      }),
    ).catch((error: unknown) => this.noteOutage(error));
    const phone = answer.phone_info?.purePhoneNumber;
    const countryCode = answer.phone_info?.countryCode;
    if (typeof phone !== 'string' || !phone) throw new WechatError('getuserphonenumber', null, 'answer has no phone number');
    return { phone, countryCode: typeof countryCode === 'string' && countryCode ? countryCode : '86' };
  }

  /** Sends one subscribe message; the answer says whether to give up or try again. */
  async sendSubscribeMessage(message: SubscribeMessage): Promise<SubscribeSendResult> {
    const data = Object.fromEntries(Object.entries(message.data).map(([keyword, value]) => [keyword, { value }]));
    try {
      await this.withToken('subscribe_send', (token) =>
        this.http.call('subscribe_send', {
          method: 'POST',
          path: '/cgi-bin/message/subscribe/send',
          query: { access_token: token },
          body: {
            touser: message.openid,
            template_id: message.templateId,
            ...(message.page ? { page: message.page } : {}),
            data,
            miniprogram_state: message.miniprogramState ?? 'formal',
            lang: 'zh_CN',
          },
        }),
      );
      return { outcome: 'sent' };
    } catch (error) {
      if (!(error instanceof WechatError)) throw error;
      switch (error.errcode) {
        case WECHAT_ERRCODE.NOT_SUBSCRIBED:
          return { outcome: 'not_subscribed' };
        case WECHAT_ERRCODE.BAD_VALUE: {
          // WeChat names the keyword: "argument invalid! data.thing2.value …".
          const keyword = /data\.([A-Za-z0-9_]+)/.exec(error.reason)?.[1] ?? null;
          return { outcome: 'bad_value', keyword: keyword && keyword in message.data ? keyword : null };
        }
        case WECHAT_ERRCODE.UNKNOWN_PAGE:
          return { outcome: 'bad_page' };
        default:
          return { outcome: 'retry', errcode: error.errcode, reason: error.describe() };
      }
    }
  }

  /** WeChat's verdict on a text a signed-in user wrote; the openid must have opened the mini program within 2 hours. */
  async textCheck({ openid, content, scene }: { openid: string; content: string; scene: TextCheckScene }): Promise<TextVerdict> {
    let worst: TextVerdict = { suggest: 'pass', label: 100 };
    if (!content.trim()) return worst;
    for (const part of partsOf(content, TEXT_CHECK_MAX)) {
      const answer = await this.withToken('msg_sec_check', (token) =>
        this.http.call<{ result?: { suggest?: unknown; label?: unknown } }>('msg_sec_check', {
          method: 'POST',
          path: '/wxa/msg_sec_check',
          query: { access_token: token },
          body: { version: 2, openid, scene, content: part },
        }),
      );
      const suggest = answer.result?.suggest;
      const label = Number(answer.result?.label);
      if ((suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') || !Number.isInteger(label))
        throw new WechatError('msg_sec_check', null, 'answer has no verdict');
      if (SUGGEST_SEVERITY[suggest] > SUGGEST_SEVERITY[worst.suggest]) worst = { suggest, label };
    }
    return worst;
  }

  /**
   * Logs a failure that is ours or WeChat's rather than the user's (a wrong secret, an unreachable
   * WeChat), so an outage of sign-in is seen; then throws it on.
   */
  private noteOutage(error: unknown): never {
    if (error instanceof WechatError && error.code === 'WECHAT_UNAVAILABLE') this.logger.warn(`WeChat call failed: ${error.describe()}`);
    throw error;
  }

  /** The access token for WeChat's server APIs; never log it. */
  async accessToken(): Promise<string> {
    return this.tokenSource('stable_token').current();
  }

  /** Runs a call that carries the access token; a refusal of the token (40001, 42001) renews it and retries once. */
  private async withToken<T>(api: WechatApiName, call: (token: string) => Promise<T>): Promise<T> {
    const tokens = this.tokenSource(api);
    const token = await tokens.current();
    try {
      return await call(token);
    } catch (error) {
      const refused =
        error instanceof WechatError &&
        (error.errcode === WECHAT_ERRCODE.INVALID_CREDENTIAL || error.errcode === WECHAT_ERRCODE.ACCESS_TOKEN_EXPIRED);
      if (!refused) throw error;
      return call(await tokens.renew(token));
    }
  }

  private tokenSource(api: WechatApiName): WechatTokens {
    if (!this.tokens) throw new WechatError(api, null, 'WeChat is not configured');
    return this.tokens;
  }

  private app(api: WechatError['api']): NonNullable<AppConfig['wechat']['app']> {
    const app = this.config.wechat.app;
    if (!app) throw new WechatError(api, null, 'WeChat is not configured');
    return app;
  }
}

/** `text` cut into parts of at most `max` UTF-16 units, never inside a character. */
function partsOf(text: string, max: number): string[] {
  const parts: string[] = [];
  let part = '';
  for (const char of text) {
    if (part.length + char.length > max) {
      parts.push(part);
      part = '';
    }
    part += char;
  }
  if (part || parts.length === 0) parts.push(part);
  return parts;
}
