/**
 * `WechatError`: a WeChat API call that did not succeed, carrying WeChat's `errcode` (null when
 * WeChat could not be reached or answered something unreadable). It is a DomainError, so a route
 * that lets it through answers the stable code and Chinese message of `domainCodeOf(errcode)`.
 */
import type { ErrorCode } from '@mashang/shared';
import { DomainError } from '../../common/domain-error.js';

/** The WeChat endpoints the client calls, named for logs and errors. */
export type WechatApiName = 'jscode2session' | 'stable_token' | 'getuserphonenumber' | 'subscribe_send' | 'msg_sec_check';

/** WeChat's answers we act on by number (WECHAT.md). */
export const WECHAT_ERRCODE = {
  BUSY: -1,
  INVALID_CREDENTIAL: 40001,
  INVALID_CODE: 40029,
  ACCESS_TOKEN_EXPIRED: 42001,
  DAILY_QUOTA: 45009,
  TOO_FREQUENT: 45011,
  USER_BLOCKED: 40226,
  NOT_SUBSCRIBED: 43101,
  BAD_VALUE: 47003,
  UNKNOWN_PAGE: 41030,
} as const;

/** What a villager is told for each WeChat answer on the sign-in and phone-number paths; anything else means WeChat is out of reach for us. */
export function domainCodeOf(errcode: number | null): ErrorCode {
  switch (errcode) {
    case WECHAT_ERRCODE.INVALID_CODE:
      return 'WECHAT_CODE_INVALID';
    case WECHAT_ERRCODE.TOO_FREQUENT:
      return 'WECHAT_TOO_FREQUENT';
    case WECHAT_ERRCODE.USER_BLOCKED:
      return 'WECHAT_USER_BLOCKED';
    case WECHAT_ERRCODE.BUSY:
      return 'WECHAT_BUSY';
    default:
      return 'WECHAT_UNAVAILABLE';
  }
}

export class WechatError extends DomainError {
  constructor(
    readonly api: WechatApiName,
    /** WeChat's errcode; null when WeChat was unreachable, timed out, or answered something unreadable. */
    readonly errcode: number | null,
    /** WeChat's errmsg or our reason; never holds a token, a secret or request content. */
    readonly reason: string,
  ) {
    super(domainCodeOf(errcode));
    this.name = 'WechatError';
  }

  /** One line for the server log. */
  describe(): string {
    return `${this.api}: ${this.errcode === null ? 'unreachable' : `errcode ${this.errcode}`} (${this.reason})`;
  }
}
