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
 */
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { DataProtection } from '../../common/data-protection.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { WECHAT_ERRCODE, type WechatApiName, WechatError } from './wechat-error.js';
import { WechatHttp } from './wechat-http.js';
import { WechatTokens } from './wechat-tokens.js';

export interface WechatSession {
  openid: string;
  /** Only when the mini program is bound to an Open Platform account. */
  unionid?: string;
}

/** A `wx.login` code as WeChat hands them out; anything else is refused without a call. */
const LOGIN_CODE = /^[A-Za-z0-9_-]{1,128}$/;

@Injectable()
export class WechatApi {
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
    const answer = await this.http.call<{ openid?: unknown; unionid?: unknown; session_key?: unknown }>('jscode2session', {
      method: 'GET',
      path: '/sns/jscode2session',
      query: { appid: app.id, secret: app.secret.reveal(), js_code: code, grant_type: 'authorization_code' },
    });
    // Only these two leave: the session key is never copied out of the answer.
    const { openid, unionid } = answer;
    if (typeof openid !== 'string' || openid === '') throw new WechatError('jscode2session', null, 'answer has no openid');
    return typeof unionid === 'string' && unionid !== '' ? { openid, unionid } : { openid };
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
