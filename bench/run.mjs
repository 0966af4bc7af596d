// `npm run bench`: the public read path and report intake, measured side by side in one run.
//
// Needs the built shared package and server (`npm run build -w shared && npm run build -w server`);
// the npm script builds them first. Starts what it measures:
//   - the ceiling: a raw `node:http` server answering the village page's JSON as a fixed body,
//   - the built server on a fresh SQLite file with the demo data,
//   - the built server on a fresh MySQL database with the demo data when MYSQL_URL is set (dropped after),
// then runs each row with autocannon, one after another, prints one table (req/s, p50, p99, ratio to
// the ceiling measured in this same run) and writes it as JSON to bench/results/. The machine is shared
// and noisy: compare ratios, not raw figures. A benchmark, not a test: nothing here fails on a figure.
//
// BENCH_SECONDS (default 10) is each row's duration, BENCH_WARMUP_SECONDS (default 3) its warm-up.
// Each run also prints its rows beside the previous run's (BENCH_BEFORE=<file in bench/results> for another).
// New rows (the staff views over a seeded database, say) are one more entry in `rows` below.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createDatabase, freePort, root, startServer, stopServer } from '../test/support/server-process.mjs';
import { measureStaffRows } from './staff-rows.mjs';

const { DEMO_VILLAGE_CODE } = await import(join(root, 'server/dist/demo/demo-data.js'));

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3);
const VILLAGE_PATH = `/api/v1/villages/${DEMO_VILLAGE_CODE}`;
// What a phone's browser sends: the answer may come compressed.
const READ_HEADERS = { 'accept-encoding': 'gzip, deflate, br', accept: 'application/json' };
const SERVER_ENV = {
  DEMO_DATA: 'true',
  // The bench files thousands of reports from one address and one village: past the free rate the
  // server would ask a proof of work, which is what a flood should meet but not what this measures.
  REPORTS_FREE_PER_ADDRESS: '100000',
  REPORTS_FREE_PER_VILLAGE: '100000',
  REPORT_ATTEMPTS_PER_MINUTE: '100000',
};

/** The raw `node:http` ceiling in a process of its own, answering `body` to every request. */
async function startCeiling(body) {
  const port = await freePort();
  const source = `
    const body = Buffer.from(process.env.BENCH_BODY, 'base64');
    require('node:http').createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
      res.end(body);
    }).listen(${port}, '127.0.0.1', () => process.stdout.write('ready\\n'));`;
  const child = spawn(process.execPath, ['-e', source], {
    env: { ...process.env, BENCH_BODY: Buffer.from(body).toString('base64') },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise((resolve, reject) => {
    child.stdout.once('data', resolve);
    child.once('exit', () => reject(new Error('the ceiling server exited')));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

async function startBuiltServer(kind) {
  const database = await createDatabase(kind);
  const port = await freePort();
  try {
    const server = await startServer({ databaseUrl: database.url, port, env: SERVER_ENV, timeoutMs: 120_000 });
    return { ...server, database };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

function reportBody() {
  return {
    idempotencyKey: `bench-${randomBytes(12).toString('hex')}`,
    villageCode: DEMO_VILLAGE_CODE,
    mode: 'anonymous',
    track: 'petition',
    category: 'welfare_funds',
    content: '压测：村里的补贴发放名单和实际种地的人对不上，请核实。',
  };
}

/** Runs autocannon against one target; `requests` as autocannon takes them. */
function cannon(url, { connections, requests, seconds }) {
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url, connections, duration: seconds, requests }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
    autocannon.track(instance, { renderProgressBar: false, renderResultsTable: false, renderLatencyTable: false });
  });
}

const readRequests = [{ method: 'GET', path: VILLAGE_PATH, headers: READ_HEADERS }];
const writeRequests = [
  {
    method: 'POST',
    path: '/api/v1/reports',
    headers: { 'content-type': 'application/json' },
    // A fresh idempotency key for every request: each one is a new report, stored before the answer.
    setupRequest: (request) => ({ ...request, body: JSON.stringify(reportBody()) }),
  },
];

/**
 * The rows, in order. `target` names a started server; `ceiling: true` marks the row other rows in the
 * same group are compared with. Staff views over a seeded database (inbox, figures, sweep) go here.
 */
const rows = [
  { name: 'GET /api/v1/villages/:code', target: 'ceiling', connections: 50, requests: readRequests, ceiling: true },
  { name: 'GET /api/v1/villages/:code', target: 'sqlite', connections: 50, requests: readRequests },
  { name: 'GET /api/v1/villages/:code', target: 'mysql', connections: 50, requests: readRequests },
  { name: 'POST /api/v1/reports', target: 'mysql', connections: 20, requests: writeRequests },
];

/**
 * Before and after: this run's rows beside the latest run written to `dir` (BENCH_BEFORE names
 * another file there), matched by route and target. Ratios to the ceiling compare across runs;
 * raw figures only on a quiet machine.
 */
function printBeforeAfter(dir, results, pct) {
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /^bench-.*\.json$/.test(f)) : [];
  const name = process.env.BENCH_BEFORE ?? files.sort().at(-1);
  if (!name) return;
  const before = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  const earlier = new Map(before.results.map((r) => [`${r.what} ${r.target}`, r]));
  console.log(`before: ${name} (commit ${before.commit}); after: this run`);
  console.table(
    results.map((r) => {
      const b = earlier.get(`${r.what} ${r.target}`);
      return {
        what: r.what,
        on: r.target,
        'req/s before': b?.requestsPerSecond ?? '',
        'req/s after': r.requestsPerSecond,
        'p99 before': b?.p99Ms ?? '',
        'p99 after': r.p99Ms,
        'of ceiling before': b ? pct(b.ratioToCeiling) : '',
        'of ceiling after': pct(r.ratioToCeiling),
      };
    }),
  );
}

const targets = {};
const started = [];
try {
  targets.sqlite = await startBuiltServer('sqlite');
  started.push(targets.sqlite);
  if (process.env.MYSQL_URL) {
    targets.mysql = await startBuiltServer('mysql');
    started.push(targets.mysql);
  } else {
    console.log('MYSQL_URL is not set: the MySQL rows are left out.');
  }
  const page = await fetch(`${targets.sqlite.url}${VILLAGE_PATH}`);
  if (!page.ok) throw new Error(`the village page answered ${page.status}`);
  targets.ceiling = await startCeiling(await page.text());

  const results = [];
  let ceiling;
  for (const row of rows) {
    const target = targets[row.target];
    if (!target) continue;
    if (WARMUP_SECONDS > 0) await cannon(target.url, { ...row, seconds: WARMUP_SECONDS });
    const r = await cannon(target.url, { ...row, seconds: SECONDS });
    const result = {
      what: row.name,
      target: row.target,
      connections: row.connections,
      requestsPerSecond: Math.round(r.requests.average),
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      ok: r['2xx'],
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
      ratioToCeiling: null,
    };
    if (row.ceiling) ceiling = result;
    // Writes too: on a shared, busy machine the ratio to the ceiling of the same run is the figure that compares across runs.
    else if (ceiling) result.ratioToCeiling = result.requestsPerSecond / ceiling.requestsPerSecond;
    results.push(result);
    console.log(`  measured ${row.name} on ${row.target}`);
  }

  const pct = (x) => (x === null ? '' : `${(x * 100).toFixed(1)} %`);
  console.table(
    results.map((r) => ({
      what: r.what,
      on: r.target,
      conns: r.connections,
      'req/s': r.requestsPerSecond,
      'p50 ms': r.p50Ms,
      'p99 ms': r.p99Ms,
      'of ceiling': pct(r.ratioToCeiling),
      'non-2xx': r.non2xx,
      errors: r.errors,
    })),
  );
  // The staff views over a seeded database (see bench/staff-rows.mjs): one call at a time, p50 and p95.
  const staff = await measureStaffRows();
  if (staff.length)
    console.table(staff.map((r) => ({ what: r.what, on: r.target, rounds: r.rounds, 'p50 ms': r.p50Ms, 'p95 ms': r.p95Ms })));
  const commit = await new Promise((resolve) => {
    const git = spawn('git', ['rev-parse', '--short', 'HEAD'], { cwd: root });
    let out = '';
    git.stdout.on('data', (c) => (out += c));
    git.on('close', () => resolve(out.trim()));
  });
  const dir = join(root, 'bench/results');
  printBeforeAfter(dir, results, pct);
  mkdirSync(dir, { recursive: true });
  const at = new Date().toISOString();
  const file = join(dir, `bench-${at.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ at, commit, seconds: SECONDS, node: process.version, results, staff }, null, 2) + '\n');
  console.log(`written to ${file}`);
} finally {
  targets.ceiling?.child.kill();
  for (const server of started) {
    await stopServer(server);
    await server.database.drop();
  }
}
