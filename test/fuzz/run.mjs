// `npm run fuzz`: fires malformed requests at every route of the OpenAPI document of the built server
// (on a temporary SQLite database, and on MySQL too when MYSQL_URL is set) and fails on any 5xx or
// any error answer outside the shared `{ code, message }` shape. The one 5xx allowed is a 503 with a
// code the shared table declares at 503: an outside service (WeChat, SMS) this deployment has not
// configured or cannot reach, answered in words. FUZZ_REQUESTS (default 100000) is
// the number of requests per database; FUZZ_SEED makes a run repeatable.
import http from 'node:http';
import { join } from 'node:path';
import { createDatabase, freePort, root, startServer, stopServer } from '../support/server-process.mjs';

const { ERROR_CODES, ERROR_HTTP_STATUS } = await import(join(root, 'shared/dist/index.js'));
const { DEMO_ACCOUNTS, DEMO_PASSWORD } = await import(join(root, 'server/dist/demo/demo-accounts.js'));

const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 100_000);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 16);
const KNOWN_CODES = new Set(ERROR_CODES);

// ---- A small seeded random source, so a failing run can be repeated with FUZZ_SEED ----
let state = SEED >>> 0 || 1;
function rand() {
  state ^= state << 13;
  state ^= state >>> 17;
  state ^= state << 5;
  return (state >>> 0) / 4294967296;
}
const int = (n) => Math.floor(rand() * n);
const pick = (list) => list[int(list.length)];
const chance = (p) => rand() < p;

// ---- Values that go wrong in interesting ways ----
const NASTY_STRINGS = [
  '',
  ' ',
  '0',
  '-1',
  '1e308',
  'NaN',
  'null',
  'true',
  '[]',
  '{}',
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '%2e%2e%2f%2e%2e%2f',
  '..\\..\\windows\\win.ini',
  '\u0000',
  '%00',
  '%',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '\uD800',
  '\uFFFF',
  '😀'.repeat(50),
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '"; DROP TABLE reports; --',
  '${7*7}',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'prototype',
  'A'.repeat(10_000),
  '341821102201',
  '34182110220',
  '3418211022019',
  'ABCD-EFGH-JKLM',
  '2026-02-30',
  '9999-99-99',
  '\r\nX-Injected: 1',
];
const NASTY_NUMBERS = [0, -1, 1, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1.5, 1e308, -1e308, 0.1];

function nastyValue(depth = 0) {
  switch (int(depth > 2 ? 4 : 7)) {
    case 0:
      return pick(NASTY_STRINGS);
    case 1:
      return pick(NASTY_NUMBERS);
    case 2:
      return pick([true, false, null]);
    case 3:
      return 'x'.repeat(pick([1, 100, 1000, 70_000]));
    case 4:
      return [nastyValue(depth + 1), nastyValue(depth + 1)];
    case 5:
      return { [pick(['__proto__', 'constructor', 'prototype', 'a'])]: nastyValue(depth + 1) };
    default:
      return Array.from({ length: pick([0, 1, 1000]) }, () => 1);
  }
}

// ---- Valid-looking values from the OpenAPI document's JSON schemas ----
function resolve(doc, schema) {
  let s = schema ?? {};
  for (let i = 0; s.$ref && i < 10; i++)
    s =
      s.$ref
        .split('/')
        .slice(1)
        .reduce((o, k) => o?.[k], doc) ?? {};
  return s;
}

function sample(doc, schema, depth = 0) {
  const s = resolve(doc, schema);
  if (depth > 6) return null;
  const choices = s.anyOf ?? s.oneOf;
  if (choices) return sample(doc, pick(choices), depth + 1);
  if (s.allOf) return Object.assign({}, ...s.allOf.map((p) => sample(doc, p, depth + 1)));
  if (s.enum) return pick(s.enum);
  if (s.const !== undefined) return s.const;
  switch (s.type) {
    case 'object': {
      const out = {};
      for (const [key, prop] of Object.entries(s.properties ?? {})) {
        if ((s.required ?? []).includes(key) || chance(0.5)) out[key] = sample(doc, prop, depth + 1);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(s.minItems ?? 0, int(3)) }, () => sample(doc, s.items, depth + 1));
    case 'integer':
      return (s.minimum ?? 0) + int(Math.min(100, (s.maximum ?? 100) - (s.minimum ?? 0) + 1));
    case 'number':
      return (s.minimum ?? 0) + rand() * 10;
    case 'boolean':
      return chance(0.5);
    case 'string': {
      if (s.format === 'date') return '2026-10-08';
      if (s.format === 'date-time') return '2026-10-08T02:00:00.000Z';
      const length = Math.max(s.minLength ?? 1, Math.min(s.maxLength ?? 12, 12));
      return '测试内容abcdefghij'.repeat(4).slice(0, length).padEnd(length, 'x');
    }
    default:
      return null;
  }
}

/** Changes one place of a valid-looking value into something wrong. */
function mutate(value, depth = 0) {
  if (value === null || typeof value !== 'object' || depth > 4 || chance(0.3)) return nastyValue();
  const keys = Object.keys(value);
  if (Array.isArray(value)) {
    if (!keys.length || chance(0.2)) return [...value, nastyValue()];
    const copy = [...value];
    const i = int(copy.length);
    copy[i] = mutate(copy[i], depth + 1);
    return copy;
  }
  const copy = { ...value };
  const roll = int(5);
  if (roll === 0 && keys.length) delete copy[pick(keys)];
  else if (roll === 1) copy[pick(['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'zzz'])] = nastyValue();
  else if (keys.length) {
    const key = pick(keys);
    copy[key] = mutate(copy[key], depth + 1);
  } else copy.extra = nastyValue();
  return copy;
}

function deeplyNested(depth) {
  return pick(['[', '{"a":']).repeat(depth) + '1' + (chance(0.5) ? '' : ']}'.repeat(depth));
}

// ---- Requests ----
const ODD_METHODS = ['PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'MKCOL', 'LOCK', 'PURGE', 'SEARCH', 'M-SEARCH', 'BREW'];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=latin1',
  'APPLICATION/JSON',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----x',
  'text/plain',
  'text/plain; charset=application/json',
  'application/xml',
  'application/octet-stream',
  'application/json, text/plain',
  'application/vnd.api+json',
  ';;;',
  '',
];

/** encodeURIComponent that also takes a lone surrogate (as the bytes of its invalid UTF-8). */
function encode(value) {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function fillPath(template, params, mode) {
  return template.replace(/\{([A-Za-z]+)\}/g, (_, name) => {
    if (mode === 'valid') return encode(String(params[name] ?? '1'));
    const raw = pick([...NASTY_STRINGS, 'x'.repeat(pick([101, 500, 5000]))]);
    // Sometimes raw (bad percent-encoding, traversal), usually encoded.
    return chance(0.4) ? raw.replace(/[^\x21-\x7e]/g, (c) => encode(c)) : encode(raw);
  });
}

function queryString(doc, op) {
  const parts = [];
  for (const p of op.parameters ?? []) {
    if (p.in !== 'query') continue;
    const roll = int(4);
    if (roll < 2) parts.push(`${encode(p.name)}=${encode(String(sample(doc, p.schema)))}`);
    else if (roll === 2) parts.push(`${encode(p.name)}=${encode(String(nastyValue()))}`);
  }
  const extra = int(6);
  if (extra === 0) parts.push('__proto__[polluted]=1', 'constructor[prototype][polluted]=1');
  if (extra === 1) parts.push(`a=${'b'.repeat(pick([100, 5000]))}`);
  if (extra === 2) parts.push('%zz=%zz', 'a[]=1&a[]=2');
  if (extra === 3) parts.push(Array.from({ length: 200 }, (_, i) => `k${i}=${i}`).join('&'));
  return parts.length ? `?${parts.join('&')}` : '';
}

/**
 * Routes that would end the fuzzer's own sessions or lock its accounts (sign-out, password and
 * two-factor changes, an admin resetting or disabling the demo accounts) get valid tokens only with
 * ids of no account.
 */
const SESSION_ENDING = new Set(['staff.logout', 'staff.changePassword', 'staff.twoFactorSetup', 'staff.twoFactorConfirm']);
const NO_ACCOUNT_ID = 99_999;

function authHeaders(op, tokens) {
  const roll = int(10);
  if (op.staff && roll < 5 && !SESSION_ENDING.has(op.id)) {
    const token = pick(tokens);
    return chance(0.8) ? { authorization: `Bearer ${token}` } : { cookie: `mashang_staff=${token}` };
  }
  switch (roll) {
    case 5:
      return {
        authorization: pick([
          'Bearer',
          'Bearer ',
          'Bearer x',
          `Bearer ${'a'.repeat(5000)}`,
          'Basic YWRtaW46YWRtaW4=',
          'bearer %00',
          'Bearer ../../',
        ]),
      };
    case 6:
      return {
        cookie: pick(['mashang_staff=', 'mashang_staff=%zz', `mashang_staff=${'a'.repeat(40)}`, 'a=b; mashang_staff=x; =;;', '\u00ff']),
      };
    default:
      return {};
  }
}

function buildRequest(doc, op, tokens) {
  const headers = { ...authHeaders(op, tokens) };
  let method = op.method;
  let path = fillPath(op.path, op.validParams, chance(0.5) ? 'valid' : 'nasty');
  let body;
  const roll = int(12);
  if (roll === 0) method = pick(ODD_METHODS);
  if (roll === 1)
    path = pick([
      '/api/v1/../../etc/passwd',
      '/api/v1/%2e%2e/%2e%2e/',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/api/v1/' + 'x/'.repeat(500),
      '/api/v1/villages/%',
      '//api//v1//health',
      '/api/v1/health%00',
      '/api/docs/../openapi.json',
      '/.git/config',
      '/js/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    ]);
  path += queryString(doc, op);
  const takesBody = op.body || chance(0.2);
  if (takesBody && method !== 'GET' && method !== 'HEAD') {
    const shape = int(10);
    if (shape <= 4) body = JSON.stringify(mutate(op.body ? sample(doc, op.body) : {}));
    else if (shape === 5) body = deeplyNested(pick([100, 1000, 10_000, 100_000]));
    else if (shape === 6)
      body = pick([
        '{',
        '{"a":1',
        '[1,2',
        'nul',
        '\uFEFF{}',
        '{"a":1}{"b":2}',
        '"\\ud800"',
        '{"a":"\\u0000"}',
        '{"__proto__":{"admin":true}}',
        '{"constructor":{"prototype":{"x":1}}}',
      ]);
    else if (shape === 7) body = JSON.stringify({ big: 'x'.repeat(pick([70_000, 300_000, 2_000_000])) });
    else if (shape === 8) body = JSON.stringify(sample(doc, op.body ?? {}));
    else body = 'a=1&b=2';
    headers['content-type'] = shape === 9 || chance(0.15) ? pick(CONTENT_TYPES) : 'application/json';
    if (headers['content-type'] === '') delete headers['content-type'];
  }
  if (chance(0.05)) headers['x-forwarded-for'] = pick(['1.2.3.4', 'evil', '127.0.0.1, 10.0.0.1', 'x'.repeat(3000)]);
  if (chance(0.05)) headers['accept-encoding'] = pick(['br', 'gzip', 'identity;q=0', '*', 'x'.repeat(500)]);
  if (chance(0.03)) headers.range = pick(['bytes=0-0', 'bytes=999999999-', 'bytes=-1', 'bytes=a-b']);
  return { method, path, headers, body };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function send(base, req) {
  return new Promise((resolvePromise) => {
    let r;
    try {
      r = http.request(`${base}${req.path}`, { method: req.method, headers: req.headers, agent }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => resolvePromise({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => resolvePromise({ status: 0, error: e.message }));
      });
    } catch (e) {
      // Node itself refuses to send it (an invalid header or path character): not the server's doing.
      resolvePromise({ status: -1, error: e.message });
      return;
    }
    r.on('error', (e) => resolvePromise({ status: 0, error: e.message }));
    r.setTimeout(30_000, () => r.destroy(new Error('timeout')));
    if (req.body !== undefined) r.end(req.body);
    else r.end();
  });
}

/** A 503 in the shared shape whose code the shared table declares at 503 (WECHAT_UNAVAILABLE, SMS_UNAVAILABLE). */
function isOutsideServiceDown(res) {
  if (res.status !== 503 || !inSharedShape(res, 'POST')) return false;
  return ERROR_HTTP_STATUS[JSON.parse(res.body).code] === 503;
}

/** Whether an error answer is in the shared shape: JSON `{ code, message, details? }` with a known code. */
function inSharedShape(res, method) {
  if (method === 'HEAD') return true;
  try {
    const body = JSON.parse(res.body);
    return (
      body !== null &&
      typeof body === 'object' &&
      KNOWN_CODES.has(body.code) &&
      typeof body.message === 'string' &&
      body.message.length > 0 &&
      !/at .*\.js:\d+/.test(res.body)
    );
  } catch {
    return false;
  }
}

async function signIn(base, previous = []) {
  const tokens = [];
  for (const [i, account] of DEMO_ACCOUNTS.entries()) {
    const res = await fetch(`${base}/api/v1/staff/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: account.username, password: DEMO_PASSWORD }),
    });
    const body = await res.json();
    if (res.status === 200 && body.token) tokens.push(body.token);
    else if (previous[i]) tokens.push(previous[i]);
    else throw new Error(`demo account ${account.username} could not sign in (${res.status}): ${JSON.stringify(body)}`);
  }
  return tokens;
}

function operationsOf(doc) {
  const ops = [];
  for (const [path, methods] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const body = op.requestBody?.content?.['application/json']?.schema;
      const validParams = Object.fromEntries(
        (op.parameters ?? [])
          .filter((p) => p.in === 'path')
          .map((p) => [p.name, path.startsWith('/api/v1/admin/accounts') ? NO_ACCOUNT_ID : sample(doc, p.schema)]),
      );
      const staff = path.includes('/staff/') || path.includes('/admin/') || (op.responses && '401' in op.responses);
      ops.push({ id: op.operationId, method: method.toUpperCase(), path, parameters: op.parameters, body, validParams, staff });
    }
  }
  return ops;
}

async function fuzz(kind) {
  const database = await createDatabase(kind);
  const port = await freePort();
  const server = await startServer({
    databaseUrl: database.url,
    port,
    env: { DEMO_DATA: 'true', LOGIN_LIMIT_PER_MINUTE: '10000', LOOKUP_LIMIT_PER_MINUTE: '10000' },
  });
  const failures = [];
  const counts = { serverError: 0, outsideShape: 0, noAnswer: 0 };
  const byStatus = new Map();
  const byRoute = new Map();
  const started = Date.now();
  try {
    const doc = await (await fetch(`${server.url}/api/openapi.json`)).json();
    const ops = operationsOf(doc);
    const tokens = await signIn(server.url);
    let next = 0;
    const worker = async () => {
      while (next < TOTAL) {
        const n = next++;
        const op = ops[n % ops.length];
        // Now and then every account signs in again, so tokens a fuzzed logout ended are replaced.
        if (n % 5000 === 4999) tokens.splice(0, tokens.length, ...(await signIn(server.url, [...tokens])));
        const req = buildRequest(doc, op, tokens);
        const res = await send(server.url, req);
        // A body far over the limit is refused (413) as soon as its length is known, and the connection
        // closed while the client still writes: the client may see EPIPE instead of the answer.
        if (res.status === 0 && /EPIPE|ECONNRESET/.test(res.error) && (req.body?.length ?? 0) > 64 * 1024)
          res.status = 'cut off (over-large body)';
        byStatus.set(res.status, (byStatus.get(res.status) ?? 0) + 1);
        byRoute.set(op.id, (byRoute.get(op.id) ?? 0) + 1);
        const kindOfFailure =
          res.status >= 500 && !isOutsideServiceDown(res)
            ? 'serverError'
            : res.status === 0
              ? 'noAnswer'
              : res.status >= 400 && !inSharedShape(res, req.method)
                ? 'outsideShape'
                : null;
        if (kindOfFailure) counts[kindOfFailure]++;
        if (kindOfFailure && failures.length < 1000)
          failures.push({
            op: op.id,
            req: { ...req, path: req.path.slice(0, 200), body: req.body?.slice(0, 200) },
            res: { status: res.status, error: res.error, body: res.body?.slice(0, 200) },
          });
        if ((n + 1) % 10_000 === 0) console.log(`  ${kind}: ${n + 1} requests`);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    if (server.child.exitCode !== null) failures.push({ op: '-', res: { error: `the server exited (${server.child.exitCode})` } });
  } finally {
    await stopServer(server);
    await database.drop();
  }
  const seconds = (Date.now() - started) / 1000;
  const stackLines = server.output.split('\n').filter((l) => /^\s+at .+:\d+:\d+\)?$/.test(l)).length;
  return { kind, byStatus, byRoute, failures, counts, seconds, stackLines, output: server.output };
}

console.log(`Fuzzing with ${TOTAL} requests per database, seed ${SEED} (FUZZ_SEED=${SEED} repeats this run).`);
// FUZZ_DATABASES=mysql (or sqlite) runs one of them alone.
const kinds = (process.env.FUZZ_DATABASES?.split(',') ?? (process.env.MYSQL_URL ? ['sqlite', 'mysql'] : ['sqlite'])).filter(
  (k) => k === 'sqlite' || (k === 'mysql' && process.env.MYSQL_URL),
);
let failed = false;
for (const kind of kinds) {
  const result = await fuzz(kind);
  const statuses = [...result.byStatus.entries()]
    .sort(([a], [b]) => String(a).localeCompare(String(b), 'en', { numeric: true }))
    .map(([s, n]) => `${s === -1 ? 'unsendable' : s === 0 ? 'no answer' : s}: ${n}`);
  console.log(`\n${kind}: ${TOTAL} requests over ${result.byRoute.size} routes in ${result.seconds.toFixed(0)} s`);
  console.log(`  by status: ${statuses.join(', ')}`);
  console.log(`  stack traces in the server log: ${result.stackLines}`);
  const { serverError, outsideShape, noAnswer } = result.counts;
  console.log(`  5xx: ${serverError}; errors outside the shared shape: ${outsideShape}; no answer at all: ${noAnswer}`);
  // A client's mistake is answered without logging a stack trace; only a 5xx (already a failure) may log one.
  if (result.stackLines && !serverError) {
    failed = true;
    console.log('  FAIL: stack traces logged for answers that were not 5xx; the first:');
    const lines = result.output.split('\n');
    const first = lines.findIndex((l) => /^\s+at .+:\d+:\d+\)?$/.test(l));
    console.log(lines.slice(Math.max(0, first - 15), first + 8).join('\n'));
  }
  if (result.failures.length) {
    failed = true;
    // One example of each route and status that failed.
    const seen = new Set();
    for (const f of result.failures) {
      const key = `${f.op} ${f.res.status}`;
      if (seen.has(key)) continue;
      seen.add(key);
      console.log('  FAIL', JSON.stringify(f));
    }
    console.log(result.output.split('\n').slice(-40).join('\n'));
  }
}
agent.destroy();
process.exit(failed ? 1 : 0);
