import { mkdtempSync, rmSync } from 'node:fs';
import type { OutgoingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import {
  API_PREFIX,
  type ApiErrorBody,
  ApiErrorSchema,
  type HttpMethod,
  type RouteInput,
  type RouteResponse,
  type RouteSpec,
  buildPath,
  contract,
} from '@mashang/shared';
import type { z } from 'zod';
import { createApp } from '../../src/app.js';
import { FixedClock } from '../../src/common/clock.js';
import { type AppConfig, loadConfig } from '../../src/config/app-config.js';
import { createTestDatabase, type DatabaseKind } from './databases.js';
import { totpCode } from './totp.js';

/** Who makes a call: a bearer token, or an account whose session the test app keeps (see `TestApp.tokenOf`). */
export type Caller = string | Credentials;

export interface Credentials {
  username: string;
  password: string;
  /** The TOTP secret of an account enrolled in two-factor sign-in: the test app answers the second step with it. */
  totpSecret?: string;
}

export interface TestApp {
  app: NestFastifyApplication;
  clock: FixedClock;
  config: AppConfig;
  /**
   * Calls a route of the contract with a valid input: the body of the answer is typed by the route's
   * response, so a renamed field fails to compile.
   */
  call<R extends RouteSpec>(route: R, input: RouteInput<R>, as?: Caller): Promise<RouteAnswer<R>>;
  /** Any request at all, for the ones a client of the contract cannot make: bad URLs, invalid bodies, other content types. */
  request(method: HttpMethod, url: string, body?: unknown, as?: Caller, headers?: Record<string, string>): Promise<Answer>;
  /**
   * The token of the account's session, signing in (one argon2 check) only when there is none yet or
   * the test clock has moved past its end: each account signs in about once per file.
   */
  tokenOf(account: Credentials): Promise<string>;
  /** Signs in afresh, for a session of its own (to sign out, or to let it expire). */
  signIn(account: Credentials): Promise<string>;
  close(): Promise<void>;
}

/** The status a route answers with when it succeeds. */
export function successStatus(route: RouteSpec): number {
  return route.status ?? (route.method === 'POST' ? 201 : 200);
}

/** An answer of the app, read as the test needs it. Nothing is parsed until it is read. */
export class Answer {
  constructor(
    readonly status: number,
    readonly headers: OutgoingHttpHeaders,
    readonly raw: Buffer,
  ) {}

  get text(): string {
    return this.raw.toString('utf8');
  }

  get isJson(): boolean {
    const type = this.headers['content-type'];
    return typeof type === 'string' && type.includes('application/json');
  }

  /** The parsed JSON, or the text of an answer that is not JSON. */
  get body(): unknown {
    return this.isJson ? this.json() : this.text;
  }

  /** The answer as the API's one error shape; fails the test unless the request was refused with it. */
  get error(): ApiErrorBody {
    if (this.status < 400) throw new Error(`Expected an error, got ${this.status}: ${this.text}`);
    const json = this.json();
    const parsed = ApiErrorSchema.safeParse(json);
    if (!parsed.success) throw new Error(`Not an API error (${this.status}): ${this.text}`);
    // The answer itself rather than the parsed copy, which would drop fields the schema does not name.
    return json as ApiErrorBody;
  }

  protected json(): unknown {
    try {
      return JSON.parse(this.text) as unknown;
    } catch {
      throw new Error(`Not JSON (${this.status}, ${String(this.headers['content-type'])}): ${this.text.slice(0, 200)}`);
    }
  }
}

/** The answer to a call of a contract route: `body` is what the route declares, checked against its schema. */
export class RouteAnswer<R extends RouteSpec> extends Answer {
  constructor(
    readonly route: R,
    status: number,
    headers: OutgoingHttpHeaders,
    raw: Buffer,
  ) {
    super(status, headers, raw);
  }

  /** Whether the route succeeded, with its own success status. */
  get ok(): boolean {
    return this.status === successStatus(this.route);
  }

  /**
   * The response the route declares; fails the test, showing the answer, unless the route succeeded
   * and the body matches the route's schema.
   */
  override get body(): RouteResponse<R> {
    const where = `${this.route.method} ${this.route.path}`;
    if (!this.ok) throw new Error(`${where} answered ${this.status}, not ${successStatus(this.route)}: ${this.text}`);
    const schema: z.ZodType | undefined = this.route.response;
    if (!schema) throw new Error(`${where} answers a file, not JSON: read \`raw\` or \`text\``);
    const json = this.json();
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new Error(`${where} answered outside its contract: ${parsed.error.message}\n${this.text}`);
    // The answer itself rather than the parsed copy, so a test sees any field the schema would strip.
    return json as RouteResponse<R>;
  }
}

/** The parts of a route's input, whichever it has. */
interface InputParts {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

function urlOf(route: RouteSpec, { params, query }: InputParts): string {
  const pathParams: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (typeof value !== 'string' && typeof value !== 'number') throw new Error(`path parameter ${name} must be a string or a number`);
    pathParams[name] = value;
  }
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      throw new Error(`query parameter ${name} must be a scalar`);
    search.set(name, String(value));
  }
  const qs = search.toString();
  return `${API_PREFIX}${buildPath(route.path, pathParams)}${qs ? `?${qs}` : ''}`;
}

/** 2026-09-30 10:00 in China: the day before National Day. */
export const DEFAULT_NOW = new Date('2026-09-30T02:00:00Z');

/**
 * The app on a fresh, empty database of the given kind (no demo data unless `DEMO_DATA` is set),
 * with a clock the test controls. Tests make their data with the factories in `../factories`.
 * `sharing` starts a second instance on another app's database (as two servers on one MySQL).
 */
export async function startTestApp(kind: DatabaseKind, env: Record<string, string> = {}, sharing?: TestApp): Promise<TestApp> {
  const database = sharing ? { config: sharing.config.database, drop: async () => {} } : await createTestDatabase(kind);
  // Uploaded files go to a directory of this app's own (a second instance shares the first one's), removed on close.
  const uploads = sharing || env.UPLOAD_DIR ? null : mkdtempSync(join(tmpdir(), 'mashang-uploads-'));
  const config: AppConfig = {
    ...loadConfig({
      UPLOAD_DIR: sharing?.config.uploadDir ?? uploads ?? '',
      NODE_ENV: 'test',
      DEMO_DATA: 'false',
      PUBLIC_BASE_URL: 'https://mashang.example.cn',
      LOOKUP_LIMIT_PER_MINUTE: '1000',
      LOGIN_LIMIT_PER_MINUTE: '1000',
      // Tests file many reports from one address; the intake test sets its own limits.
      REPORTS_FREE_PER_ADDRESS: '100000',
      REPORTS_FREE_PER_VILLAGE: '100000',
      REPORT_ATTEMPTS_PER_MINUTE: '100000',
      SWEEP_INTERVAL_SECONDS: '0',
      ...env,
    }),
    database: database.config,
  };
  const clock = new FixedClock(DEFAULT_NOW);
  const app = await createApp(config, { clock, logLevels: ['error'] });
  /** Sessions by username, with the moment each ends by the test clock. */
  const sessions = new Map<string, Promise<{ token: string; expiresAt: Date }>>();

  async function send(method: HttpMethod, url: string, body: unknown, as: Caller | undefined, extraHeaders: Record<string, string> = {}) {
    const token = as === undefined ? undefined : typeof as === 'string' ? as : await tokenOf(as);
    const headers: Record<string, string> = { ...(token ? { authorization: `Bearer ${token}` } : {}), ...extraHeaders };
    if (typeof body === 'string') headers['content-type'] ??= 'application/json';
    const payload = body === undefined ? {} : { payload: body as string | object };
    return app.inject({ method, url, headers, ...payload });
  }

  async function newSession({ username, password, totpSecret }: Credentials) {
    const res = await app.inject({ method: 'POST', url: `${API_PREFIX}${contract.staff.login.path}`, payload: { username, password } });
    if (res.statusCode !== 200) throw new Error(`${username} could not sign in (${res.statusCode}): ${res.body}`);
    const first = contract.staff.login.response.parse(JSON.parse(res.body));
    if ('token' in first) return { token: first.token, expiresAt: new Date(first.expiresAt) };
    if (!totpSecret) throw new Error(`${username} has two-factor sign-in but the test gave no totpSecret`);
    const second = await app.inject({
      method: 'POST',
      url: `${API_PREFIX}${contract.staff.loginTwoFactor.path}`,
      payload: { challenge: first.twoFactorChallenge, code: await nextTotpCode(username, totpSecret) },
    });
    if (second.statusCode !== 200) throw new Error(`${username} could not pass the second step (${second.statusCode}): ${second.body}`);
    const session = contract.staff.loginTwoFactor.response.parse(JSON.parse(second.body));
    return { token: session.token, expiresAt: new Date(session.expiresAt) };
  }

  /** Time steps already used per account: the server accepts each step once, and the test clock stands still. */
  const usedSteps = new Map<string, number>();
  async function nextTotpCode(username: string, secret: string): Promise<string> {
    const step = Math.floor(clock.now().getTime() / 30_000);
    const last = usedSteps.get(username) ?? -Infinity;
    // The server accepts the step before and after the current one too.
    const free = [step - 1, step, step + 1].find((s) => s > last);
    if (free === undefined) throw new Error(`${username} signed in more than three times at one test time: move the test clock on`);
    usedSteps.set(username, free);
    return totpCode(secret, free * 30);
  }

  async function tokenOf(account: Credentials): Promise<string> {
    const cached = sessions.get(account.username);
    if (cached) {
      const session = await cached.catch(() => undefined);
      if (session && session.expiresAt > clock.now()) return session.token;
      // Calls made at once all find the same ended session: only the first signs in again (a second
      // sign-in at one test time could need a TOTP step the server has already seen), the rest wait for it.
      if (sessions.get(account.username) !== cached) return tokenOf(account);
    }
    const fresh = newSession(account);
    sessions.set(account.username, fresh);
    return (await fresh).token;
  }

  return {
    app,
    clock,
    config,
    async call(route, input, as) {
      const parts = input as InputParts;
      const res = await send(route.method, urlOf(route, parts), parts.body, as);
      return new RouteAnswer(route, res.statusCode, res.headers, res.rawPayload);
    },
    async request(method, url, body, as, headers) {
      const res = await send(method, url, body, as, headers);
      return new Answer(res.statusCode, res.headers, res.rawPayload);
    },
    tokenOf,
    async signIn(account) {
      return (await newSession(account)).token;
    },
    async close() {
      await app.close();
      await database.drop();
      if (uploads) rmSync(uploads, { recursive: true, force: true });
    },
  };
}
