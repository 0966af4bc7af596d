/**
 * `WechatHttp`: one request to WeChat's API over real HTTP — JSON in and out, a timeout, a busy
 * answer (-1) retried once, and any non-zero `errcode` turned into a `WechatError`. Used by
 * `WechatApi` only. Nothing here logs: URLs carry the access token and the app secret.
 */
import { WECHAT_ERRCODE, type WechatApiName, WechatError } from './wechat-error.js';

export interface WechatRequest {
  method: 'GET' | 'POST';
  /** The path under the API base, e.g. `/sns/jscode2session`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

/** WeChat's envelope: a success may omit `errcode` or carry 0. */
interface Envelope {
  errcode?: unknown;
  errmsg?: unknown;
}

/** How long one answer may take before WeChat counts as unreachable: a sign-in waits on it. */
const TIMEOUT_MS = 5_000;
/** A busy answer is retried once, after this pause. */
const BUSY_RETRY_MS = 300;

export class WechatHttp {
  constructor(
    private readonly apiBase: string,
    private readonly timeoutMs = TIMEOUT_MS,
  ) {}

  /** The answer's JSON when `errcode` is absent or 0; otherwise a WechatError (after one retry of -1). */
  async call<T extends object>(api: WechatApiName, request: WechatRequest): Promise<T> {
    try {
      return await this.once<T>(api, request);
    } catch (error) {
      if (!(error instanceof WechatError) || error.errcode !== WECHAT_ERRCODE.BUSY) throw error;
      await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
      return this.once<T>(api, request);
    }
  }

  private async once<T extends object>(api: WechatApiName, { method, path, query, body }: WechatRequest): Promise<T> {
    const url = `${this.apiBase}${path}${query ? `?${new URLSearchParams(query).toString()}` : ''}`;
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      text = await response.text();
    } catch (error) {
      // The cause names the failure (ECONNREFUSED, a timeout); the URL, which holds secrets, is left out.
      const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
      throw new WechatError(api, null, `request failed: ${cause}`);
    }
    if (!response.ok) throw new WechatError(api, null, `HTTP ${response.status}`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new WechatError(api, null, 'answer is not JSON');
    }
    if (typeof json !== 'object' || json === null) throw new WechatError(api, null, 'answer is not an object');
    const { errcode, errmsg } = json as Envelope;
    if (errcode !== undefined && errcode !== 0) {
      const code = typeof errcode === 'number' ? errcode : Number(errcode);
      if (!Number.isInteger(code)) throw new WechatError(api, null, 'answer has an unreadable errcode');
      throw new WechatError(api, code, scrub(typeof errmsg === 'string' ? errmsg : '', [query, body]));
    }
    return json as T;
  }
}

/** WeChat's errmsg, short, with anything we sent (token, secret, code, content) cut out should it ever be echoed. */
function scrub(errmsg: string, sent: unknown[]): string {
  let text = errmsg.slice(0, 200);
  for (const part of sent) {
    if (typeof part !== 'object' || part === null) continue;
    for (const value of Object.values(part)) if (typeof value === 'string' && value.length >= 8) text = text.split(value).join('…');
  }
  return text;
}
