/**
 * A stand-in for WeChat's platform API, for tests: answers the endpoints our server calls exactly as
 * WECHAT.md documents them — shapes, checks and error codes — on 127.0.0.1 and a free port.
 *
 *   const wechat = await startWechatStandIn({ now: () => app.clock.now().getTime() });
 *   const app = await startTestApp(kind, { ...wechat.env });
 *   const code = wechat.state.issueLoginCode('openid-1');
 *   ...
 *   expect(wechat.state.callsTo('subscribe_send')).toHaveLength(1);
 *   await wechat.close();
 *
 * It checks what WeChat checks, so a test catches a real mistake: app id and secret, grant types,
 * one-time codes (5 minutes, used once), access tokens (known, not expired, not invalidated by a forced
 * refresh), subscribe-message templates, keyword rules (thing ≤ 20, phrase ≤ 5 Chinese characters …
 * → 47003), one-time grants (43101) and pages (41030). Answers can be programmed (`failNext`,
 * `textVerdict`) and every request is recorded (`requests`, `callsTo`).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export type StandInApi = 'jscode2session' | 'stable_token' | 'getuserphonenumber' | 'subscribe_send' | 'msg_sec_check' | 'unknown';

export interface RecordedRequest {
  api: StandInApi;
  method: string;
  path: string;
  query: Record<string, string>;
  /** The parsed JSON body (undefined for GET). */
  body: unknown;
  /** By the stand-in's clock. */
  at: number;
}

/** Subscribe-message keyword types and their rules (WECHAT.md). */
export type KeywordType =
  'thing' | 'phrase' | 'character_string' | 'number' | 'letter' | 'symbol' | 'phone_number' | 'name' | 'date' | 'time' | 'amount';

export interface TextVerdict {
  suggest: 'pass' | 'review' | 'risky';
  label: number;
}

export interface WechatStandInOptions {
  appId?: string;
  appSecret?: string;
  /** The stand-in's clock in ms, for code and token lifetimes; pass the test app's clock to move both together. */
  now?: () => number;
  /** Pages a subscribe message may open; by default the main-package pages of miniapp/src/app.config.ts. */
  pages?: string[];
  /** Length of the access tokens issued; 512 by default, the length WeChat tells us to be ready to store. */
  tokenLength?: number;
}

export interface WechatStandIn {
  url: string;
  /** Environment for the server under test: WECHAT_APP_ID, WECHAT_APP_SECRET, WECHAT_API_BASE. */
  env: { WECHAT_APP_ID: string; WECHAT_APP_SECRET: string; WECHAT_API_BASE: string };
  state: WechatStandInState;
  close(): Promise<void>;
}

const CODE_LIFETIME_MS = 5 * 60_000;
const TOKEN_LIFETIME_S = 7200;
/** In normal mode a new token is issued only in the last 5 minutes of the current one. */
const NORMAL_REFRESH_WINDOW_S = 300;
const FORCE_REFRESH_PER_DAY = 20;
const FORCE_REFRESH_GAP_MS = 30_000;

interface LoginCode {
  openid: string;
  unionid?: string;
  /** Whether the success answer carries `errcode: 0, errmsg: "ok"` (WeChat's successes may omit them). */
  withErrcode: boolean;
  issuedAt: number;
  used: boolean;
}

interface PhoneCode {
  phone: string;
  countryCode: string;
  issuedAt: number;
  used: boolean;
}

interface IssuedToken {
  expiresAt: number;
  /** Invalidated by a forced refresh. */
  revoked: boolean;
}

interface ProgrammedFailure {
  errcode: number;
  errmsg: string;
  times: number;
}

/** The default subscribe templates: the three one-time templates our notifications use. */
export const STAND_IN_TEMPLATES = {
  accepted: 'tmpl-accepted-0001',
  answered: 'tmpl-answered-0002',
  reviewed: 'tmpl-reviewed-0003',
} as const;

/** Keywords of the default templates: a status phrase, a line, the date. */
export const STAND_IN_TEMPLATE_KEYWORDS: Record<string, KeywordType> = { phrase1: 'phrase', thing2: 'thing', date3: 'date' };

export class WechatStandInState {
  readonly requests: RecordedRequest[] = [];
  readonly loginCodes = new Map<string, LoginCode>();
  readonly phoneCodes = new Map<string, PhoneCode>();
  readonly tokens = new Map<string, IssuedToken>();
  /** Templates by id, with each keyword's type. */
  readonly templates = new Map<string, Record<string, KeywordType>>(
    Object.values(STAND_IN_TEMPLATES).map((id) => [id, { ...STAND_IN_TEMPLATE_KEYWORDS }]),
  );
  /** One-time subscribe grants left, by `openid\ttemplateId`. */
  readonly grants = new Map<string, number>();
  /** Openids that have opened the mini program (signed in), for the text check. */
  readonly knownOpenids = new Set<string>();
  /** Messages delivered, in order. */
  readonly sentMessages: Array<{ touser: string; template_id: string; page?: string; data: Record<string, { value: string }> }> = [];
  /** The text check's verdict for a content; `pass`/100 unless a test says otherwise. */
  textVerdict: (content: string) => TextVerdict = () => ({ suggest: 'pass', label: 100 });
  /** The current stable token (normal mode hands it out until its last 5 minutes). */
  currentToken: string | null = null;
  forceRefreshes: number[] = [];
  private readonly failures = new Map<StandInApi, ProgrammedFailure[]>();
  /** Milliseconds each answer of an endpoint waits before it is sent (a slow WeChat). */
  readonly delays = new Map<StandInApi, number>();

  constructor(
    readonly appId: string,
    readonly appSecret: string,
    readonly now: () => number,
    readonly pages: Set<string>,
    readonly tokenLength: number,
  ) {}

  /** A fresh `wx.login` code for this openid (5 minutes, once). */
  issueLoginCode(openid: string, options: { unionid?: string; withErrcode?: boolean } = {}): string {
    const code = randomBytes(16).toString('hex');
    this.loginCodes.set(code, {
      openid,
      unionid: options.unionid,
      withErrcode: options.withErrcode ?? false,
      issuedAt: this.now(),
      used: false,
    });
    return code;
  }

  /** A fresh getPhoneNumber code for this phone (5 minutes, once). */
  issuePhoneCode(phone: string, countryCode = '86'): string {
    const code = randomBytes(16).toString('hex');
    this.phoneCodes.set(code, { phone, countryCode, issuedAt: this.now(), used: false });
    return code;
  }

  /** The user tapped 允许 for this one-time template: one message may be sent. */
  grantSubscription(openid: string, templateId: string, count = 1): void {
    const key = `${openid}\t${templateId}`;
    this.grants.set(key, (this.grants.get(key) ?? 0) + count);
  }

  grantsLeft(openid: string, templateId: string): number {
    return this.grants.get(`${openid}\t${templateId}`) ?? 0;
  }

  /** The next `times` calls to `api` answer this errcode (after the request checks pass). */
  failNext(api: StandInApi, errcode: number, options: { times?: number; errmsg?: string } = {}): void {
    const queue = this.failures.get(api) ?? [];
    queue.push({ errcode, errmsg: options.errmsg ?? `programmed error ${errcode}`, times: options.times ?? 1 });
    this.failures.set(api, queue);
  }

  /** Every access token issued so far stops working (as if the legacy /cgi-bin/token had been called): 40001. */
  revokeAllTokens(): void {
    for (const token of this.tokens.values()) token.revoked = true;
    this.currentToken = null;
  }

  callsTo(api: StandInApi): RecordedRequest[] {
    return this.requests.filter((r) => r.api === api);
  }

  takeFailure(api: StandInApi): ProgrammedFailure | undefined {
    const queue = this.failures.get(api);
    const next = queue?.[0];
    if (!next) return undefined;
    if (--next.times <= 0) queue.shift();
    return next;
  }

  issueToken(): { token: string; expiresIn: number } {
    const token = randomBytes(this.tokenLength).toString('base64url').slice(0, this.tokenLength);
    this.tokens.set(token, { expiresAt: this.now() + TOKEN_LIFETIME_S * 1000, revoked: false });
    this.currentToken = token;
    return { token, expiresIn: TOKEN_LIFETIME_S };
  }
}

/** Thrown inside a handler: answered as WeChat's error envelope (HTTP 200). */
class Refusal extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(errmsg);
  }
}

const rid = () => `rid: ${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
const refuse = (errcode: number, errmsg: string): never => {
  throw new Refusal(errcode, `${errmsg} ${rid()}`);
};

function apiOf(path: string): StandInApi {
  switch (path) {
    case '/sns/jscode2session':
      return 'jscode2session';
    case '/cgi-bin/stable_token':
      return 'stable_token';
    case '/wxa/business/getuserphonenumber':
      return 'getuserphonenumber';
    case '/cgi-bin/message/subscribe/send':
      return 'subscribe_send';
    case '/wxa/msg_sec_check':
      return 'msg_sec_check';
    default:
      return 'unknown';
  }
}

/** The main-package pages of the mini program, read from its app config. */
function miniProgramPages(): Set<string> {
  try {
    const source = readFileSync(new URL('../../../miniapp/src/app.config.ts', import.meta.url), 'utf8');
    const main = source.split(/subPackages|subpackages/)[0] ?? '';
    return new Set([...main.matchAll(/'(pages\/[^']+)'/g)].map((m) => m[1]!));
  } catch {
    return new Set();
  }
}

const HAN = /^\p{Script=Han}+$/u;

/** Whether a value keeps its keyword type's rule (WECHAT.md). */
export function keywordValueAllowed(type: KeywordType, value: string): boolean {
  const length = [...value].length;
  if (length === 0) return false;
  const dateOrTime = (part: string, timeRequired: boolean) => {
    const date = String.raw`(\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-/]\d{1,2}[-/]\d{1,2})`;
    const time = String.raw`\d{1,2}:\d{2}(:\d{2})?`;
    const pattern = timeRequired ? `^(${date} )?${time}$` : `^${date}( ${time})?$`;
    return new RegExp(pattern).test(part.trim());
  };
  switch (type) {
    case 'thing':
      return length <= 20;
    case 'phrase':
      return length <= 5 && HAN.test(value);
    case 'character_string':
      return length <= 32 && /^[\x21-\x7e]+$/.test(value);
    case 'number':
      return length <= 32 && /^\d+(\.\d+)?$/.test(value);
    case 'letter':
      return length <= 32 && /^[A-Za-z]+$/.test(value);
    case 'symbol':
      return length <= 5 && /^[^\p{L}\p{N}\s]+$/u.test(value);
    case 'phone_number':
      return length <= 17 && /^[\d+\-() ]+$/.test(value);
    case 'name':
      return (length <= 10 && HAN.test(value)) || (length <= 20 && /^[A-Za-z ]+$/.test(value));
    case 'date':
      return value.split('~').every((part) => dateOrTime(part, false));
    case 'time':
      return value.split('~').every((part) => dateOrTime(part, true));
    case 'amount':
      return /^[¥￥]?\d{1,10}(\.\d{1,2})?元?$/.test(value);
  }
}

function handle(state: WechatStandInState, api: StandInApi, query: Record<string, string>, body: unknown): object {
  const input = (body ?? {}) as Record<string, unknown>;
  const needToken = () => {
    const token = query.access_token;
    if (!token) refuse(41001, 'access_token missing');
    const issued = state.tokens.get(token!);
    if (!issued || issued.revoked) refuse(40001, 'invalid credential, access_token is invalid or not latest');
    if (issued!.expiresAt <= state.now()) refuse(42001, 'access_token expired');
  };
  const programmed = () => {
    const failure = state.takeFailure(api);
    if (failure) refuse(failure.errcode, failure.errmsg);
  };
  switch (api) {
    case 'jscode2session': {
      if (query.appid !== state.appId) refuse(40013, 'invalid appid');
      if (query.secret !== state.appSecret) refuse(40125, 'invalid appsecret');
      if (query.grant_type !== 'authorization_code') refuse(40002, 'invalid grant_type');
      if (!query.js_code) refuse(41008, 'missing code');
      programmed();
      const code = state.loginCodes.get(query.js_code!);
      if (!code || code.used || state.now() - code.issuedAt > CODE_LIFETIME_MS) refuse(40029, 'invalid code');
      code!.used = true;
      state.knownOpenids.add(code!.openid);
      const session_key = randomBytes(16).toString('base64');
      return {
        openid: code!.openid,
        session_key,
        ...(code!.unionid ? { unionid: code!.unionid } : {}),
        ...(code!.withErrcode ? { errcode: 0, errmsg: 'ok' } : {}),
      };
    }
    case 'stable_token': {
      if (input.grant_type !== 'client_credential') refuse(40002, 'invalid grant_type');
      if (input.appid !== state.appId) refuse(40013, 'invalid appid');
      if (input.secret !== state.appSecret) refuse(40125, 'invalid appsecret');
      if (input.force_refresh !== undefined && typeof input.force_refresh !== 'boolean') refuse(47001, 'data format error');
      programmed();
      const now = state.now();
      if (input.force_refresh === true) {
        const dayStart = now - 24 * 3600_000;
        state.forceRefreshes = state.forceRefreshes.filter((t) => t > dayStart);
        if (state.forceRefreshes.length >= FORCE_REFRESH_PER_DAY) refuse(45009, 'reach max api daily quota limit');
        const last = state.forceRefreshes.at(-1);
        if (last !== undefined && now - last < FORCE_REFRESH_GAP_MS) refuse(45011, 'api minute-quota reach limit');
        state.forceRefreshes.push(now);
        // A forced refresh makes the previous token stop working at once.
        state.revokeAllTokens();
        const { token, expiresIn } = state.issueToken();
        return { access_token: token, expires_in: expiresIn };
      }
      const current = state.currentToken ? state.tokens.get(state.currentToken) : undefined;
      const remaining = current && !current.revoked ? Math.floor((current.expiresAt - now) / 1000) : 0;
      if (current && remaining > NORMAL_REFRESH_WINDOW_S) return { access_token: state.currentToken, expires_in: remaining };
      // The last 5 minutes: a new token; the old one keeps working until its own end.
      const { token, expiresIn } = state.issueToken();
      return { access_token: token, expires_in: expiresIn };
    }
    case 'getuserphonenumber': {
      needToken();
      if (typeof input.code !== 'string' || !input.code) refuse(47001, 'data format error');
      programmed();
      const code = state.phoneCodes.get(input.code as string);
      if (!code || code.used || state.now() - code.issuedAt > CODE_LIFETIME_MS) refuse(40029, 'invalid code');
      code!.used = true;
      const { phone, countryCode } = code!;
      return {
        errcode: 0,
        errmsg: 'ok',
        phone_info: {
          phoneNumber: countryCode === '86' ? phone : `+${countryCode} ${phone}`,
          purePhoneNumber: phone,
          countryCode,
          watermark: { timestamp: Math.floor(state.now() / 1000), appid: state.appId },
        },
      };
    }
    case 'subscribe_send': {
      needToken();
      const { touser, template_id, page, data, miniprogram_state, lang } = input;
      if (typeof touser !== 'string' || !touser) refuse(40003, 'invalid openid');
      if (typeof template_id !== 'string' || !template_id) refuse(40037, 'invalid template_id');
      const keywords = state.templates.get(template_id as string);
      if (!keywords) refuse(40037, 'invalid template_id');
      if (page !== undefined && (typeof page !== 'string' || !state.pages.has(page.split('?')[0]!))) refuse(41030, 'invalid page');
      if (miniprogram_state !== undefined && !['developer', 'trial', 'formal'].includes(miniprogram_state as string))
        refuse(47001, 'data format error: miniprogram_state');
      if (lang !== undefined && !['zh_CN', 'en_US', 'zh_HK', 'zh_TW'].includes(lang as string)) refuse(47001, 'data format error: lang');
      if (typeof data !== 'object' || data === null) refuse(47003, 'argument invalid! data is missing');
      const values = data as Record<string, unknown>;
      for (const key of Object.keys(values)) if (!(key in keywords!)) refuse(47003, `argument invalid! data.${key} is not in the template`);
      for (const [key, type] of Object.entries(keywords!)) {
        const entry = values[key] as { value?: unknown } | undefined;
        if (!entry || typeof entry.value !== 'string' || !keywordValueAllowed(type, entry.value))
          refuse(47003, `argument invalid! data.${key}.value invalid`);
      }
      programmed();
      const grantKey = `${touser as string}\t${template_id as string}`;
      const left = state.grants.get(grantKey) ?? 0;
      if (left <= 0) refuse(43101, 'user refuse to accept the msg');
      state.grants.set(grantKey, left - 1);
      state.sentMessages.push({
        touser: touser as string,
        template_id: template_id as string,
        ...(typeof page === 'string' ? { page } : {}),
        data: values as Record<string, { value: string }>,
      });
      return { errcode: 0, errmsg: 'ok', msgid: Number.parseInt(randomBytes(5).toString('hex'), 16) };
    }
    case 'msg_sec_check': {
      needToken();
      const { version, openid, scene, content } = input;
      if (version !== 2) refuse(47001, 'data format error: version');
      if (typeof openid !== 'string' || !state.knownOpenids.has(openid)) refuse(40003, 'invalid openid');
      if (typeof scene !== 'number' || ![1, 2, 3, 4].includes(scene)) refuse(47001, 'data format error: scene');
      if (typeof content !== 'string' || content.length === 0 || content.length > 2500) refuse(47001, 'data format error: content');
      programmed();
      const verdict = state.textVerdict(content as string);
      return {
        errcode: 0,
        errmsg: 'ok',
        result: verdict,
        detail: [{ strategy: 'content_model', errcode: 0, suggest: verdict.suggest, label: verdict.label, prob: 90 }],
        trace_id: randomBytes(8).toString('hex'),
      };
    }
    default:
      throw new Refusal(-404, 'no such endpoint in the stand-in');
  }
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 1024 * 1024) throw new Refusal(47001, 'data format error: body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the stand-in on 127.0.0.1 and a free port. */
export async function startWechatStandIn(options: WechatStandInOptions = {}): Promise<WechatStandIn> {
  const appId = options.appId ?? 'wx00standin0000001';
  const appSecret = options.appSecret ?? randomBytes(16).toString('hex');
  const state = new WechatStandInState(
    appId,
    appSecret,
    options.now ?? Date.now,
    new Set(options.pages ?? miniProgramPages()),
    options.tokenLength ?? 512,
  );
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://stand-in');
      const api = apiOf(url.pathname);
      const query = Object.fromEntries(url.searchParams);
      let answer: object;
      let status = 200;
      let body: unknown;
      try {
        const text = request.method === 'POST' ? await readBody(request) : '';
        try {
          body = text ? (JSON.parse(text) as unknown) : undefined;
        } catch {
          body = text;
          state.requests.push({ api, method: request.method ?? '', path: url.pathname, query, body, at: state.now() });
          throw new Refusal(47001, 'data format error');
        }
        state.requests.push({ api, method: request.method ?? '', path: url.pathname, query, body, at: state.now() });
        const expected = api === 'jscode2session' ? 'GET' : 'POST';
        if (api !== 'unknown' && request.method !== expected) throw new Refusal(43002, `require ${expected} method`);
        const delay = state.delays.get(api);
        if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
        answer = handle(state, api, query, body);
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
        if (error.errcode === -404) status = 404;
        answer = { errcode: error.errcode, errmsg: error.errmsg };
      }
      response.writeHead(status, { 'content-type': 'application/json; encoding=utf-8' });
      response.end(JSON.stringify(answer));
    })().catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    env: { WECHAT_APP_ID: appId, WECHAT_APP_SECRET: appSecret, WECHAT_API_BASE: url },
    state,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
