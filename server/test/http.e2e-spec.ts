import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { type Server, type Socket, connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_PREFIX, ApiErrorSchema, type RouteSpec, buildPath, contract } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { describeIf, withContext } from '../../test/support/jest-helpers.js';
import { createApp } from '../src/app.js';
import { FixedClock } from '../src/common/clock.js';
import { loadConfig } from '../src/config/app-config.js';
import { county, type StaffFixture, reportBody, staffAccount, township, village, type Region } from './factories/index.js';
import { DATABASE_KINDS, createTestDatabase } from './support/databases.js';
import { DEFAULT_NOW, startTestApp, type TestApp } from './support/test-app.js';

/** Writes raw bytes to the listening app and reads the whole answer (the app closes the connection). */
function rawExchange(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

function parseRaw(answer: string): { status: number; headers: string; body: unknown } {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), headers: head.toLowerCase(), body: JSON.parse(body) as unknown };
}

/** A route's URL with every path parameter filled with a harmless value. */
function urlOfAnyRoute(route: RouteSpec): string {
  const params = Object.fromEntries([...route.path.matchAll(/:([A-Za-z]+)/g)].map(([, name]) => [name!, '1']));
  return `${API_PREFIX}${buildPath(route.path, params)}`;
}

describe('answers in the shared error shape, with security headers, whatever the request', () => {
  let t: TestApp;
  let h5Dir: string;
  let port: number;
  const inlineScript = 'document.documentElement.style.fontSize = "16px";';
  beforeAll(async () => {
    h5Dir = mkdtempSync(join(tmpdir(), 'mashang-h5-'));
    writeFileSync(join(h5Dir, 'index.html'), `<!doctype html><script>${inlineScript}</script><div id="app"></div>`);
    mkdirSync(join(h5Dir, 'js'));
    writeFileSync(join(h5Dir, 'js', 'app.js'), 'console.log("app")');
    t = await startTestApp('sqlite', { H5_DIR: h5Dir });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(h5Dir, { recursive: true, force: true });
  });

  it('sends the security headers on pages, assets, API answers and errors', async () => {
    const hash = `'sha256-${createHash('sha256').update(inlineScript).digest('base64')}'`;
    for (const path of ['/v/341821102201', '/js/app.js', '/api/v1/health', '/api/v1/unknown', '/nothing-here']) {
      const res = await t.request('GET', path);
      await withContext(path, () => {
        const csp = String(res.headers['content-security-policy']);
        expect(csp).toContain("frame-ancestors 'none'");
        expect(csp).toContain("object-src 'none'");
        expect(csp).toMatch(/script-src 'self'( 'sha256-[^']+')*(;|$)/);
        expect(csp).not.toContain('unsafe-eval');
        expect(res.headers['referrer-policy']).toBe('no-referrer');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      });
    }
    // Exactly the build's own inline script may run.
    expect(String((await t.request('GET', '/v/341821102201')).headers['content-security-policy'])).toContain(`script-src 'self' ${hash}`);
  });

  it('answers a malformed URL, an over-long parameter and a path outside the build in the shared shape', async () => {
    const badUrl = await t.request('GET', '/api/v1/villages/%E0%A4%A');
    expect(badUrl.status).toBe(400);
    expect(badUrl.error.code).toBe('MALFORMED_REQUEST');
    expect(badUrl.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const longParam = await t.request('GET', `/api/v1/villages/${'3'.repeat(400)}`);
    expect(longParam.status).toBe(414);
    expect(longParam.error.code).toBe('URI_TOO_LONG');
    for (const path of ['/..%2f..%2fetc/passwd', '/js/%2e%2e/%2e%2e/etc/passwd', '/js/', '/.env']) {
      const res = await t.request('GET', path);
      await withContext(path, () => {
        expect(res.status).toBe(404);
        expect(res.error.code).toBe('NOT_FOUND');
      });
    }
  });

  it('answers what Node’s parser refuses in the shared shape too: huge headers, smuggling, garbage', async () => {
    const huge = parseRaw(await rawExchange(port, `GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(huge.status).toBe(431);
    expect(ApiErrorSchema.parse(huge.body).code).toBe('HEADERS_TOO_LARGE');
    expect(huge.headers).toContain("frame-ancestors 'none'");
    const smuggled = parseRaw(
      await rawExchange(
        port,
        'POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n',
      ),
    );
    expect(smuggled.status).toBe(400);
    expect(ApiErrorSchema.parse(smuggled.body).code).toBe('MALFORMED_REQUEST');
    // A HEAD's client reads no body: the refusal carries none.
    for (const request of [
      `HEAD /api/v1/health HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`,
      `HEAD /api/v1/staff/red-flags?status=${'x'.repeat(70_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    ]) {
      const answer = await rawExchange(port, request);
      expect(answer).toMatch(/^HTTP\/1\.1 431 /);
      expect(answer.endsWith('\r\n\r\n')).toBe(true);
    }
    const garbage = parseRaw(await rawExchange(port, 'HELLO THERE\r\n\r\n'));
    expect(garbage.status).toBe(400);
    expect(ApiErrorSchema.parse(garbage.body).code).toBe('MALFORMED_REQUEST');
  });
});

describe('production', () => {
  const production = {
    NODE_ENV: 'production',
    HASH_SECRET: 'a-production-secret-of-at-least-32-chars',
    DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
  };
  it('serves no API documentation unless API_DOCS=true', async () => {
    const t = await startTestApp('sqlite', production);
    try {
      for (const path of ['/api/docs', '/api/docs/swagger-ui-init.js', '/api/openapi.json']) {
        const res = await t.request('GET', path);
        await withContext(path, () => {
          expect(res.status).toBe(404);
          expect(res.error.code).toBe('NOT_FOUND');
        });
      }
    } finally {
      await t.close();
    }
    const documented = await startTestApp('sqlite', { ...production, API_DOCS: 'true' });
    try {
      expect((await documented.request('GET', '/api/docs')).status).toBe(200);
      expect((await documented.request('GET', '/api/openapi.json')).status).toBe(200);
    } finally {
      await documented.close();
    }
  });
});

describe('TRUST_PROXY', () => {
  const lookup = (t: TestApp, remoteAddress: string, forwardedFor: string) =>
    t.app.inject({
      method: 'POST',
      url: `${API_PREFIX}${contract.report.lookup.path}`,
      remoteAddress,
      headers: { 'x-forwarded-for': forwardedFor, 'content-type': 'application/json' },
      payload: JSON.stringify({ queryCode: 'ABCD-EFGH-JKLM' }),
    });

  it('ignores X-Forwarded-For from anyone but the named proxy, so a spoofed one gains no fresh limit', async () => {
    const t = await startTestApp('sqlite', { TRUST_PROXY: '10.0.0.1', LOOKUP_LIMIT_PER_MINUTE: '3' });
    try {
      const direct = [];
      for (let i = 0; i < 4; i++) direct.push((await lookup(t, '203.0.113.9', `198.51.100.${i}`)).statusCode);
      expect(direct.slice(0, 3)).not.toContain(429);
      expect(direct[3]).toBe(429);
      // Through the proxy, each forwarded client counts on its own.
      const proxied = [];
      for (let i = 0; i < 4; i++) proxied.push((await lookup(t, '10.0.0.1', `198.51.100.${i}`)).statusCode);
      expect(proxied).not.toContain(429);
    } finally {
      await t.close();
    }
  });

  it('with a hop count, takes the address the last proxy forwarded, not the first one a client wrote', async () => {
    const t = await startTestApp('sqlite', { TRUST_PROXY: '1', LOOKUP_LIMIT_PER_MINUTE: '2' });
    try {
      // The client wrote 198.51.100.x itself; the one proxy appended the address it saw, 203.0.113.7.
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await lookup(t, '10.0.0.1', `198.51.100.${i}, 203.0.113.7`)).statusCode);
      expect(statuses[2]).toBe(429);
    } finally {
      await t.close();
    }
  });

  it('trusts nothing forwarded by default', async () => {
    const t = await startTestApp('sqlite', { LOOKUP_LIMIT_PER_MINUTE: '2' });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await lookup(t, '127.0.0.1', `198.51.100.${i}`)).statusCode);
      expect(statuses[2]).toBe(429);
    } finally {
      await t.close();
    }
  });
});

describe.each(DATABASE_KINDS)('sessions, caching and bodies on %s', (kind) => {
  let t: TestApp;
  let dongshan: Region;
  let admin: StaffFixture;
  let publisher: StaffFixture;
  beforeAll(async () => {
    t = await startTestApp(kind, { TRUST_PROXY: '127.0.0.1' });
    const qingshui = await county(t);
    dongshan = await village(t, await township(t, qingshui));
    admin = await staffAccount(t, 'admin', qingshui);
    publisher = await staffAccount(t, 'village_publisher', dongshan);
  });
  afterAll(async () => {
    await t?.close();
  });

  const cookieOf = (setCookie: unknown): string => {
    const header = [setCookie].flat().find((c): c is string => typeof c === 'string' && c.startsWith('mashang_staff='));
    if (!header) throw new Error(`no session cookie in ${JSON.stringify(setCookie)}`);
    return header;
  };

  it('gives the H5 pages the session as an HttpOnly, SameSite=Strict cookie for the API only, and clears it on sign-out', async () => {
    const login = await t.request('POST', `${API_PREFIX}${contract.staff.login.path}`, {
      username: publisher.username,
      password: publisher.password,
    });
    expect(login.status).toBe(200);
    const cookie = cookieOf(login.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api(;|$)/);
    expect(cookie).not.toMatch(/Secure/i);
    const pair = cookie.split(';')[0]!;
    expect(pair).toBe(`mashang_staff=${(login.body as { token: string }).token}`);

    const me = await t.request('GET', `${API_PREFIX}${contract.staff.me.path}`, undefined, undefined, { cookie: pair });
    expect(me.status).toBe(200);
    expect((me.body as { username: string }).username).toBe(publisher.username);

    const logout = await t.request('POST', `${API_PREFIX}${contract.staff.logout.path}`, undefined, undefined, { cookie: pair });
    expect(logout.status).toBe(200);
    expect(cookieOf(logout.headers['set-cookie'])).toMatch(/^mashang_staff=;.*(Max-Age=0|Expires=Thu, 01 Jan 1970)/i);
    const after = await t.request('GET', `${API_PREFIX}${contract.staff.me.path}`, undefined, undefined, { cookie: pair });
    expect(after.status).toBe(401);
    expect(after.error.code).toBe('UNAUTHENTICATED');
  });

  it('marks the cookie Secure when the request came over HTTPS through the trusted proxy', async () => {
    const login = await t.request(
      'POST',
      `${API_PREFIX}${contract.staff.login.path}`,
      { username: publisher.username, password: publisher.password },
      undefined,
      { 'x-forwarded-proto': 'https' },
    );
    expect(login.status).toBe(200);
    expect(cookieOf(login.headers['set-cookie'])).toMatch(/; Secure/i);
  });

  // Only public files (QR codes, published attachments) say they may be cached, and none is reached with these made-up ids.
  it('lets no answer carrying a token, a query code, a case or an identity be cached', async () => {
    // A session of its own: the loop signs it out on the way.
    const token = await t.signIn(admin);
    for (const [area, routes] of Object.entries(contract)) {
      for (const [name, route] of Object.entries(routes as Record<string, RouteSpec>)) {
        const res = await t.request(
          route.method,
          urlOfAnyRoute(route),
          route.method === 'GET' ? undefined : {},
          route.auth ? token : undefined,
        );
        await withContext(`${area}.${name} (${res.status})`, () => expect(res.headers['cache-control']).toBe('no-store'));
      }
    }
    const receipt = await t.call(contract.report.create, { body: reportBody(dongshan) });
    expect(receipt.status).toBe(201);
    expect(receipt.headers['cache-control']).toBe('no-store');
    const found = await t.call(contract.report.lookup, { body: { queryCode: receipt.body.queryCode } });
    expect(found.status).toBe(200);
    expect(found.headers['cache-control']).toBe('no-store');
  });

  it('takes only JSON bodies: a form on another site cannot file a report', async () => {
    const body = reportBody(dongshan);
    const form = new URLSearchParams(
      Object.entries(body).map(([k, v]): [string, string] => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
    ).toString();
    for (const type of [
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/plain',
      'text/plain; charset=application/json',
    ]) {
      const res = await t.request('POST', `${API_PREFIX}${contract.report.create.path}`, form, undefined, { 'content-type': type });
      await withContext(type, () => {
        expect(res.status).toBe(415);
        expect(res.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      });
    }
    const untyped = await t.app.inject({
      method: 'POST',
      url: `${API_PREFIX}${contract.report.create.path}`,
      payload: JSON.stringify(body),
    });
    expect(untyped.statusCode).toBe(415);
    // None of them was filed: the same idempotency key now files a new report.
    expect((await t.call(contract.report.create, { body })).status).toBe(201);
  });

  it('refuses an account update that changes nothing', async () => {
    const res = await t.request('PUT', `${API_PREFIX}/admin/accounts/${publisher.id}`, {}, admin);
    expect(res.status).toBe(400);
    expect(res.error.code).toBe('VALIDATION_FAILED');
  });
});

/** A TCP relay in front of MySQL that can be cut and restored, as a database outage. */
class Relay {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;
  constructor(private readonly target: { host: string; port: number }) {}

  async open(port = 0): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as { port: number }).port;
  }

  async cut(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = null;
  }
}

// SQLite is a file in the process: it has no outage to survive.
describeIf(DATABASE_KINDS.includes('mysql'))('a MySQL outage', () => {
  it('answers 503 in the shared shape while the database is unreachable, and recovers by itself', async () => {
    const database = await createTestDatabase('mysql');
    if (database.config.type !== 'mysql') throw new Error('MySQL only');
    const url = new URL(database.config.url);
    const relay = new Relay({ host: url.hostname, port: Number(url.port || 3306) });
    await relay.open();
    url.host = `127.0.0.1:${relay.port}`;
    const config = {
      ...loadConfig({ NODE_ENV: 'test', PUBLIC_BASE_URL: 'https://mashang.example.cn', SWEEP_INTERVAL_SECONDS: '0', UPLOAD_DIR: tmpdir() }),
      database: { type: 'mysql' as const, url: url.toString() },
    };
    const app = await createApp(config, { clock: new FixedClock(DEFAULT_NOW), logLevels: false });
    const health = () => app.inject({ method: 'GET', url: `${API_PREFIX}${contract.system.health.path}` });
    try {
      expect((await health()).statusCode).toBe(200);
      await relay.cut();
      const down = await health();
      expect(down.statusCode).toBe(503);
      expect(JSON.parse(down.body)).toEqual({ code: 'SERVICE_UNAVAILABLE', message: '系统繁忙，请稍后再试' });
      const lookup = await app.inject({
        method: 'POST',
        url: `${API_PREFIX}${contract.report.lookup.path}`,
        payload: { queryCode: 'ABCD-EFGH-JKLM' },
      });
      expect(lookup.statusCode).toBe(503);
      await relay.open(relay.port);
      expect((await health()).statusCode).toBe(200);
    } finally {
      await relay.cut();
      await app.close();
      await database.drop();
    }
  });
});
