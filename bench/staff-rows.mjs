// The staff rows of `npm run bench`: the inbox's first page, the county figures and a deadline sweep,
// timed inside the built server against a database seeded by `npm run seed:load`.
//
// With MYSQL_URL and BENCH_LOAD_DB (a database `npm run seed:load -- --reports 1000000 --database <name>`
// filled) they run at that size; with MYSQL_URL alone a small load (BENCH_LOAD_REPORTS, default 20,000) is
// seeded into a database of its own and dropped after, so the rows still print. Without MYSQL_URL they are
// left out. The services are called in-process, as the routes call them (no HTTP and no session in
// between): each timing is the database work and the mapping a request pays for, one call at a time.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { root } from '../test/support/server-process.mjs';

const SMALL_REPORTS = Number(process.env.BENCH_LOAD_REPORTS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_STAFF_ROUNDS ?? 30);

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

async function timed(rounds, fn) {
  const ms = [];
  for (let i = 0; i < rounds; i++) {
    const start = process.hrtime.bigint();
    await fn();
    ms.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  ms.sort((a, b) => a - b);
  return { p50Ms: Math.round(percentile(ms, 50) * 10) / 10, p95Ms: Math.round(percentile(ms, 95) * 10) / 10, rounds };
}

function seedLoad(database, reports) {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(root, 'server/dist/cli/seed-load.js'), '--reports', String(reports), '--database', database],
      {
        stdio: ['ignore', 'inherit', 'inherit'],
      },
    );
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`seed-load exited with ${code}`))));
  });
}

async function dropDatabase(database) {
  const { createConnection } = await import(join(root, 'node_modules/mysql2/promise.js'));
  const server = new URL(process.env.MYSQL_URL);
  const connection = await createConnection({
    host: server.hostname,
    port: Number(server.port || 3306),
    user: server.username,
    password: server.password,
  });
  await connection.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await connection.end();
}

/** Measures the staff rows; answers result rows in the shape `bench/run.mjs` prints, or none. */
export async function measureStaffRows() {
  if (!process.env.MYSQL_URL) {
    console.log('MYSQL_URL is not set: the staff rows (inbox, figures, sweep) are left out.');
    return [];
  }
  const loaded = process.env.BENCH_LOAD_DB;
  const database = loaded ?? `mashang_bench_staff_${process.pid}`;
  if (!loaded) await seedLoad(database, SMALL_REPORTS);
  const url = new URL(process.env.MYSQL_URL);
  url.pathname = `/${database}`;
  const dist = (path) => import(join(root, 'server/dist', path));
  const [{ createApp }, { loadConfig }, { CaseService }, { CaseStatsService }, { DeadlineSweep }, { chinaDate }] = await Promise.all([
    dist('app.js'),
    dist('config/app-config.js'),
    dist('modules/case/case.service.js'),
    dist('modules/case/case-stats.service.js'),
    dist('modules/case/deadline-sweep.js'),
    dist('modules/calendar/china-date.js'),
  ]);
  const app = await createApp(
    loadConfig({ ...process.env, DATABASE_URL: url.toString(), SWEEP_INTERVAL_SECONDS: '0', DEMO_DATA: 'false' }),
    {
      logLevels: ['error'],
    },
  );
  try {
    const dataSource = app.get((await import(join(root, 'node_modules/typeorm/index.js'))).DataSource);
    // The county with the most reports, as its supervisor sees it.
    const [{ county, reports }] = await dataSource.query(
      'SELECT SUBSTR(village_code, 1, 6) AS county, COUNT(*) AS reports FROM reports GROUP BY county ORDER BY reports DESC LIMIT 1',
    );
    const account = { id: 0, regionCode: county, role: 'county_supervisor' };
    const cases = app.get(CaseService);
    const stats = app.get(CaseStatsService);
    const sweep = app.get(DeadlineSweep);
    const today = chinaDate(new Date());
    const size = `${Number(reports).toLocaleString('en')} reports`;
    const rows = [];
    const row = (what, timing) => {
      rows.push({ what, target: `mysql, ${size}`, ...timing });
      console.log(`  measured ${what}: p50 ${timing.p50Ms} ms, p95 ${timing.p95Ms} ms`);
    };
    // Warm-up: the first calls load the rules and fill the database's buffers.
    await cases.list(account, {}, 0, 50);
    await stats.stats(account, {});
    row('staff inbox, first page (county)', await timed(ROUNDS, () => cases.list(account, {}, 0, 50)));
    row('staff inbox, 待办 first page (county)', await timed(ROUNDS, () => cases.list(account, { todo: true }, 0, 50)));
    row('staff inbox, overdue first page', await timed(ROUNDS, () => cases.list(account, { overdue: true }, 0, 50)));
    row('staff inbox, one category (county)', await timed(ROUNDS, () => cases.list(account, { category: 'welfare_funds' }, 0, 50)));
    const [{ village }] = await dataSource.query('SELECT village_code AS village FROM reports WHERE village_code LIKE ? LIMIT 1', [
      `${county}%`,
    ]);
    row('staff inbox, one village (county)', await timed(ROUNDS, () => cases.list(account, { village }, 0, 50)));
    // Deep in the list: past every dated (open, clocked) case for the bench's small seed, well into them at 1M.
    row('staff inbox, page 41 (county)', await timed(ROUNDS, () => cases.list(account, {}, 2000, 50)));
    const township = { id: 0, regionCode: `${county}101`, role: 'township_handler' };
    row('staff inbox, first page (township)', await timed(ROUNDS, () => cases.list(township, {}, 0, 50)));
    row('staff inbox, 待办 first page (township)', await timed(ROUNDS, () => cases.list(township, { todo: true }, 0, 50)));
    row('county figures, all time', await timed(Math.ceil(ROUNDS / 3), () => stats.stats(account, {})));
    row('county figures, this year', await timed(ROUNDS, () => stats.stats(account, { from: `${today.slice(0, 4)}-01-01`, to: today })));
    row('county figures, this month', await timed(ROUNDS, () => stats.stats(account, { from: `${today.slice(0, 7)}-01`, to: today })));
    // The first sweep raises what the seed left due; the timed ones find nothing due.
    const first = await sweep.run();
    console.log(`  first sweep: ${JSON.stringify(first)}`);
    row('deadline sweep, nothing due', await timed(5, () => sweep.run()));
    return rows;
  } finally {
    await app.close();
    if (!loaded) await dropDatabase(database);
  }
}

// `node bench/staff-rows.mjs` (after `npm run build -w server`): the staff rows alone, without the HTTP rows.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const staff = await measureStaffRows();
  console.table(staff.map((r) => ({ what: r.what, on: r.target, rounds: r.rounds, 'p50 ms': r.p50Ms, 'p95 ms': r.p95Ms })));
}
