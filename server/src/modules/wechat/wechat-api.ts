/**
 * `WechatApi`: the server's one client of WeChat's platform API (WECHAT.md), over real HTTP to
 * WECHAT_API_BASE. Public surface:
 * - `enabled` — whether WECHAT_APP_ID / WECHAT_APP_SECRET are set; when not, every call throws
 *   WECHAT_UNAVAILABLE.
 * - `codeToSession(code)` → `{ openid, unionid? }` (jscode2session). WeChat's session_key is dropped
 *   here and never leaves this class. Failures are `WechatError`s whose DomainError code is the
 *   villager's answer: 40029 WECHAT_CODE_INVALID, 45011 WECHAT_TOO_FREQUENT, 40226
 *   WECHAT_USER_BLOCKED, -1 (after one retry) WECHAT_BUSY, anything else WECHAT_UNAVAILABLE.
 */
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { WechatError } from './wechat-error.js';
import { WechatHttp } from './wechat-http.js';

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

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.http = new WechatHttp(config.wechat.apiBase);
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

  private app(api: WechatError['api']): NonNullable<AppConfig['wechat']['app']> {
    const app = this.config.wechat.app;
    if (!app) throw new WechatError(api, null, 'WeChat is not configured');
    return app;
  }
}
