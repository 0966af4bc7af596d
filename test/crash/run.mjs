// `npm run test:crash`: report submissions under load against the built server on a fresh MySQL
// database, while the server is killed with SIGKILL and restarted (CRASH_KILLS, default 20) and
// MariaDB itself is restarted once mid-load. Clients retry with the same idempotency key until they
// get their receipt. Afterwards every acknowledged (201) report must be in the database exactly once
// and found by its query code, and while the database was down the server must have answered 503 in
// the shared error shape and recovered by itself. Not part of `npm test`: it stops MariaDB.
//
// MariaDB is stopped and started as .ci/run starts it (start-stop-daemon on /usr/sbin/mariadbd);
// CRASH_SKIP_MARIADB=true leaves it alone.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import { createDatabase, freePort, root, startServer, stopServer } from '../support/server-process.mjs';

const { ERROR_CODES } = await import(join(root, 'shared/dist/index.js'));
const { DEMO_VILLAGE_CODE } = await import(join(root, 'server/dist/demo/demo-data.js'));

if (!process.env.MYSQL_URL) {
  console.error('The crash test runs on MySQL: set MYSQL_URL=mysql://root@127.0.0.1:3306');
  process.exit(1);
}
const KILLS = Number(process.env.CRASH_KILLS ?? 20);
const CLIENTS = Number(process.env.CRASH_CLIENTS ?? 8);
const RESTART_MARIADB = process.env.CRASH_SKIP_MARIADB !== 'true';
const MARIADBD = '/usr/sbin/mariadbd';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const database = await createDatabase('mysql');
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = {
  DEMO_DATA: 'true',
  // One address and one village file everything here: the intake limits would ask for proofs of work.
  REPORTS_FREE_PER_ADDRESS: '100000',
  REPORTS_FREE_PER_VILLAGE: '100000',
  REPORT_ATTEMPTS_PER_MINUTE: '100000',
  LOOKUP_LIMIT_PER_MINUTE: '10000',
};
const figures = {
  attempts: 0,
  acknowledged: 0,
  retries: 0,
  replays: 0,
  replayMismatches: 0,
  byStatus: new Map(),
  outsideShape: [],
  kills: 0,
  restartSeconds: [],
};
const count = (status) => figures.byStatus.set(status, (figures.byStatus.get(status) ?? 0) + 1);
const isSharedError = (body) => body && typeof body === 'object' && ERROR_CODES.includes(body.code) && typeof body.message === 'string';

let server = await startServer({ databaseUrl: database.url, port, env });
let running = true;
/** Acknowledged reports by idempotency key. */
const acknowledged = new Map();

async function post(path, body) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // judged below
  }
  return { status: res.status, json, text };
}

function reportBody(key, n) {
  return {
    idempotencyKey: key,
    villageCode: DEMO_VILLAGE_CODE,
    mode: n % 3 === 0 ? 'real_name' : 'anonymous',
    track: n % 2 === 0 ? 'accusation' : 'petition',
    category: 'welfare_funds',
    content: `崩溃测试第${n}件：村里的补贴发放名单和实际种地的人对不上，请核实。`,
    ...(n % 3 === 0 ? { reporter: { name: '张三', phone: `138${String(n).padStart(8, '0')}` } } : {}),
  };
}

/** One client: files reports one after another, each retried with its key until it is acknowledged. */
async function client(id) {
  for (let n = 0; running; n++) {
    const key = `crash-${id}-${n}-${randomBytes(6).toString('hex')}`;
    const body = reportBody(key, id * 100_000 + n);
    for (let attempt = 0; running; attempt++) {
      if (attempt) figures.retries++;
      figures.attempts++;
      let res;
      try {
        res = await post('/api/v1/reports', body);
      } catch {
        count('no answer');
        await sleep(100 + Math.random() * 200);
        continue;
      }
      count(res.status);
      if (res.status >= 400 && !isSharedError(res.json)) figures.outsideShape.push(`${res.status} ${res.text.slice(0, 120)}`);
      if (res.status === 201 || res.status === 200) {
        const previous = acknowledged.get(key);
        if (previous && previous.reportNo !== res.json.reportNo) figures.replayMismatches++;
        if (!previous) {
          acknowledged.set(key, { reportNo: res.json.reportNo, queryCode: res.json.queryCode });
          figures.acknowledged++;
        }
        // Now and then the answer "was lost": the client sends the same report again.
        if (Math.random() < 0.1) {
          figures.replays++;
          continue;
        }
        break;
      }
      await sleep(100 + Math.random() * 200);
    }
  }
}

async function waitForMariaDb(up) {
  for (let i = 0; i < 120; i++) {
    let alive;
    try {
      execFileSync('mariadb-admin', ['--host=127.0.0.1', '--user=root', 'ping'], { stdio: 'ignore' });
      alive = true;
    } catch {
      alive = false;
    }
    if (alive === up) return;
    await sleep(500);
  }
  throw new Error(`MariaDB did not come ${up ? 'up' : 'down'}`);
}

/** Stops MariaDB, samples the server's answers while it is down, starts it again, waits for recovery. */
async function restartMariaDb() {
  const outage = { byStatus: new Map(), outsideShape: 0, seconds: 0, recoveredAfter: 0 };
  console.log('  stopping MariaDB');
  const started = Date.now();
  execFileSync('start-stop-daemon', ['--stop', '--exec', MARIADBD, '--retry', '30']);
  await waitForMariaDb(false);
  const downUntil = Date.now() + 4000;
  while (Date.now() < downUntil) {
    for (const probe of [
      () => fetch(`${base}/api/v1/health`).then(async (r) => ({ status: r.status, json: await r.json().catch(() => null) })),
      () => post('/api/v1/reports/lookup', { queryCode: '12345 12345 12345 12345 12345' }),
    ]) {
      try {
        const res = await probe();
        outage.byStatus.set(res.status, (outage.byStatus.get(res.status) ?? 0) + 1);
        if (res.status >= 400 && !isSharedError(res.json)) outage.outsideShape++;
        if (res.status === 503 && res.json?.code !== 'SERVICE_UNAVAILABLE') outage.outsideShape++;
      } catch {
        outage.byStatus.set('no answer', (outage.byStatus.get('no answer') ?? 0) + 1);
      }
    }
    await sleep(200);
  }
  console.log('  starting MariaDB');
  execFileSync('start-stop-daemon', ['--start', '--oknodo', '--background', '--exec', MARIADBD]);
  await waitForMariaDb(true);
  outage.seconds = (Date.now() - started) / 1000;
  // The same server process, not restarted, must answer again by itself.
  const back = Date.now();
  for (;;) {
    const ok = await fetch(`${base}/api/v1/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) break;
    if (Date.now() - back > 60_000) throw new Error('the server did not recover after MariaDB came back');
    await sleep(200);
  }
  outage.recoveredAfter = (Date.now() - back) / 1000;
  return outage;
}

const clients = Array.from({ length: CLIENTS }, (_, i) => client(i));
let outage = null;
const startedAt = Date.now();
try {
  for (let k = 1; k <= KILLS; k++) {
    await sleep(1000 + Math.random() * 2000);
    await stopServer(server, 'SIGKILL');
    figures.kills++;
    const restarting = Date.now();
    server = await startServer({ databaseUrl: database.url, port, env });
    figures.restartSeconds.push((Date.now() - restarting) / 1000);
    console.log(
      `  kill ${k}/${KILLS}: restarted in ${figures.restartSeconds.at(-1).toFixed(1)} s; ${figures.acknowledged} acknowledged so far`,
    );
    if (RESTART_MARIADB && k === Math.ceil(KILLS / 2)) {
      await sleep(1000);
      outage = await restartMariaDb();
    }
  }
  await sleep(2000);
} finally {
  running = false;
  await Promise.all(clients);
  // Whatever happened, MariaDB is left running.
  execFileSync('start-stop-daemon', ['--start', '--oknodo', '--background', '--exec', MARIADBD]);
  await waitForMariaDb(true);
}

// ---- Verification ----
const connection = await mysql.createConnection(database.url);
const [[{ total }]] = await connection.query('SELECT COUNT(*) AS total FROM reports');
const [[{ demo }]] = await connection.query("SELECT COUNT(*) AS demo FROM reports WHERE content NOT LIKE '崩溃测试%'");
const reportNos = [...acknowledged.values()].map((r) => r.reportNo);
const [rows] = reportNos.length
  ? await connection.query('SELECT report_no AS reportNo, COUNT(*) AS n FROM reports WHERE report_no IN (?) GROUP BY report_no', [
      reportNos,
    ])
  : [[]];
await connection.end();
const inDatabase = new Map(rows.map((r) => [r.reportNo, Number(r.n)]));
const missing = reportNos.filter((no) => !inDatabase.has(no));
const duplicated = [...inDatabase.entries()].filter(([, n]) => n !== 1);
const filed = Number(total) - Number(demo);

let notFound = 0;
for (const { reportNo, queryCode } of acknowledged.values()) {
  const res = await post('/api/v1/reports/lookup', { queryCode });
  if (res.status !== 200 || res.json.reportNo !== reportNo) notFound++;
}
await stopServer(server);
await database.drop();

const statuses = (map) => [...map.entries()].map(([s, n]) => `${s}: ${n}`).join(', ');
console.log(`\nCrash test: ${CLIENTS} clients for ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
console.log(
  `  server killed with SIGKILL and restarted: ${figures.kills} times (restart ${Math.min(...figures.restartSeconds).toFixed(1)}–${Math.max(...figures.restartSeconds).toFixed(1)} s)`,
);
console.log(
  `  submissions sent: ${figures.attempts} (${figures.retries} retries, ${figures.replays} replays of an answered report); answers: ${statuses(figures.byStatus)}`,
);
console.log(`  acknowledged reports: ${figures.acknowledged}; filed by the test in the database: ${filed}`);
console.log(
  `  acknowledged but missing: ${missing.length}; stored more than once: ${duplicated.length}; query code not finding it: ${notFound}`,
);
console.log(
  `  a replay answered with another report: ${figures.replayMismatches}; error answers outside the shared shape: ${figures.outsideShape.length}`,
);
if (outage) {
  console.log(
    `  MariaDB restarted once: down ${outage.seconds.toFixed(1)} s; the server answered meanwhile ${statuses(outage.byStatus)}; outside the shared shape: ${outage.outsideShape}; recovered by itself ${outage.recoveredAfter.toFixed(1)} s after MariaDB was back`,
  );
}
const problems = [
  missing.length && 'acknowledged reports are missing',
  duplicated.length && 'reports are stored twice',
  notFound && 'query codes do not find their reports',
  figures.replayMismatches && 'a replay answered with another report',
  figures.outsideShape.length && `answers outside the shared shape (${figures.outsideShape.slice(0, 3).join(' | ')})`,
  filed < figures.acknowledged && 'fewer reports than acknowledgements',
  figures.acknowledged === 0 && 'nothing was acknowledged',
  outage && outage.outsideShape && 'answers during the outage outside the shared shape',
  outage && !outage.byStatus.get(503) && 'no 503 while the database was down',
].filter(Boolean);
if (problems.length) {
  console.log(`FAILED: ${problems.join('; ')}`);
  process.exit(1);
}
console.log('Every acknowledged report is stored exactly once and found by its query code.');
