import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { REPORT_CATEGORIES, type ReportCategory, type ReportStatus } from '@mashang/shared';
import { addCalendarDays, chinaDate } from '../modules/calendar/china-date.js';
import { dataSourceOptions } from '../database/data-source-options.js';
import { runMigrations } from '../database/migrate.js';
import { fillFiguresRollup } from '../database/migrations/1765670400500-figures-rollup.js';

/**
 * `npm run seed:load -- --reports 1000000 [--database mashang_load] [--counties 1] [--replace]`: fills a
 * MySQL database (on MYSQL_URL's server, created afresh, migrated to the real schema; an existing one is
 * dropped only when `--replace` says so, as a mistyped name could be a real database) with a
 * province's load for the staff benchmarks: counties of townships of villages, reports received over
 * two years in every status with their deadlines, timeline events and the alerts the sweep raised.
 * Multi-row INSERTs with ids chosen here, so nothing is read back; minutes for a million reports.
 * Every report goes to the first county unless `--counties` spreads them: the worst case the issue
 * sets (a county with a million reports) is the default.
 */
const { values: args } = parseArgs({
  options: {
    reports: { type: 'string', default: '1000000' },
    database: { type: 'string', default: 'mashang_load' },
    counties: { type: 'string', default: '1' },
    replace: { type: 'boolean', default: false },
  },
});
const REPORTS = Number(args.reports);
const COUNTIES = Number(args.counties);
const DATABASE = args.database;
if (!process.env.MYSQL_URL) throw new Error('MYSQL_URL is not set (e.g. mysql://root@127.0.0.1:3306)');
if (!/^\w+$/.test(DATABASE) || !(REPORTS > 0) || !(COUNTIES > 0)) throw new Error('bad --database, --reports or --counties');

const TOWNSHIPS_PER_COUNTY = 20;
const VILLAGES_PER_TOWNSHIP = 25;
const PROVINCE = '34';
const BATCH = 2000;
const DAY_MS = 86_400_000;
const CATEGORIES = Object.keys(REPORT_CATEGORIES) as ReportCategory[];
const RATINGS = [
  'very_satisfied',
  'satisfied',
  'satisfied',
  'basically_satisfied',
  'basically_satisfied',
  'unsatisfied',
  'very_unsatisfied',
];
const CONTENT = '村里的补贴发放名单和实际种地的人对不上，有几户不种地的也领了，请核实。';

/**
 * A small deterministic generator (mulberry32), so two loads of the same size hold the same data. In
 * 32-bit integer arithmetic: the former `seed * 1103515245` in doubles lost its low bits past 2^53 and
 * fell into a cycle of a few thousand values, so a million reports held only ~1,500 distinct ones.
 */
let seed = 42;
const random = (): number => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const countyCode = (c: number) => `${PROVINCE}${String(c + 1).padStart(2, '0')}${String(21 + c).padStart(2, '0')}`.slice(0, 6);
const townshipCode = (c: number, t: number) => `${countyCode(c)}${String(100 + t + 1).padStart(3, '0')}`;
const villageCode = (c: number, t: number, v: number) => `${townshipCode(c, t)}${String(200 + v + 1).padStart(3, '0')}`;

const sql = (value: string | number | null): string => (value === null ? 'NULL' : typeof value === 'number' ? String(value) : `'${value}'`);
const datetime = (at: number): string => new Date(at).toISOString().slice(0, 23).replace('T', ' ');
const dayOf = (at: number): string => chinaDate(new Date(at));

/** Inserts rows in batches: each batch is one multi-row INSERT. */
class BulkInsert {
  private rows: string[] = [];
  count = 0;
  constructor(
    private readonly dataSource: DataSource,
    private readonly head: string,
  ) {}
  async add(values: (string | number | null)[]): Promise<void> {
    this.rows.push(`(${values.map(sql).join(',')})`);
    this.count++;
    if (this.rows.length >= BATCH) await this.flush();
  }
  async flush(): Promise<void> {
    if (!this.rows.length) return;
    const rows = this.rows;
    this.rows = [];
    await this.dataSource.query(`${this.head} VALUES ${rows.join(',')}`);
  }
}

/** The life a report has reached, by its age in days: recent ones are open, old ones closed or set aside. */
function statusFor(ageDays: number): ReportStatus {
  const r = random();
  if (ageDays < 15) return r < 0.35 ? 'submitted' : r < 0.8 ? 'accepted' : r < 0.86 ? 'declined' : r < 0.93 ? 'duplicate' : 'invalid';
  if (ageDays < 120) {
    if (r < 0.45) return 'accepted';
    if (r < 0.5) return 'concluded';
    if (r < 0.53) return 'transferred';
    if (r < 0.68) return 'replied';
    if (r < 0.7) return 'under_review';
    if (r < 0.94) return 'closed';
    return r < 0.97 ? 'declined' : 'duplicate';
  }
  if (r < 0.004) return 'accepted'; // an old case still open: long overdue
  return r < 0.93 ? 'closed' : r < 0.96 ? 'declined' : r < 0.98 ? 'duplicate' : 'invalid';
}

const server = new URL(process.env.MYSQL_URL);
const admin = await createConnection({
  host: server.hostname,
  port: Number(server.port || 3306),
  user: server.username,
  password: server.password,
});
const [existing] = await admin.query('SELECT 1 FROM information_schema.schemata WHERE schema_name = ?', [DATABASE]);
if ((existing as unknown[]).length && !args.replace) {
  await admin.end();
  throw new Error(`database ${DATABASE} exists: pass --replace to drop it and seed it afresh`);
}
await admin.query(`DROP DATABASE IF EXISTS \`${DATABASE}\``);
await admin.query(`CREATE DATABASE \`${DATABASE}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
await admin.end();
const target = new URL(process.env.MYSQL_URL);
target.pathname = `/${DATABASE}`;
const dataSource = new DataSource(dataSourceOptions({ type: 'mysql', url: target.toString() }));
await dataSource.initialize();
const started = Date.now();
try {
  await runMigrations(dataSource);
  await dataSource.query('SET unique_checks = 0, foreign_key_checks = 0');

  const regions = new BulkInsert(dataSource, 'INSERT INTO regions (code, name, level, parent_code, hotline)');
  await regions.add([PROVINCE.padEnd(12, '0'), '压测省', 'province', null, null]);
  const villages: { code: string; township: string; county: string }[] = [];
  for (let c = 0; c < COUNTIES; c++) {
    await regions.add([countyCode(c), `压测${c + 1}县`, 'county', PROVINCE.padEnd(12, '0'), '0550-1234567']);
    for (let t = 0; t < TOWNSHIPS_PER_COUNTY; t++) {
      await regions.add([townshipCode(c, t), `第${t + 1}镇`, 'township', countyCode(c), '0550-7654321']);
      for (let v = 0; v < VILLAGES_PER_TOWNSHIP; v++) {
        villages.push({ code: villageCode(c, t, v), township: townshipCode(c, t), county: countyCode(c) });
        await regions.add([villageCode(c, t, v), `第${t + 1}镇${v + 1}村`, 'village', townshipCode(c, t), null]);
      }
    }
  }
  await regions.flush();

  const reports = new BulkInsert(
    dataSource,
    `INSERT INTO reports (id, report_no, village_code, category, content, mode, query_code_hash, idempotency_key_hash,
      request_fingerprint, status, received_at, answered_at, track, channel, handling_code, level, escalated, missed_deadline,
      accepted_on_time, rating, rated_by, next_due_on, version)`,
  );
  const deadlines = new BulkInsert(
    dataSource,
    'INSERT INTO report_deadlines (id, report_id, kind, due_on, provisional, started_at, met_at, cancelled_at)',
  );
  const events = new BulkInsert(dataSource, 'INSERT INTO report_events (report_id, type, actor, public_text, internal_text, created_at)');
  const alerts = new BulkInsert(dataSource, 'INSERT INTO case_alerts (report_id, deadline_id, kind, due_on, region_code, created_at)');
  const now = Date.now();
  const today = dayOf(now);
  let deadlineId = 0;

  for (let id = 1; id <= REPORTS; id++) {
    const village = villages[Math.floor(random() * villages.length)]!;
    const ageDays = random() * 730;
    const receivedAt = now - ageDays * DAY_MS;
    const status = statusFor(ageDays);
    const track = random() < 0.6 ? 'accusation' : 'petition';
    const setAside = status === 'duplicate' || status === 'invalid';
    const accepted = !['submitted', 'declined', 'duplicate', 'invalid'].includes(status);
    const acceptedAt = receivedAt + (1 + random() * 12) * DAY_MS;
    const answered = ['replied', 'closed', 'under_review'].includes(status);
    // Replies not yet settled are recent: older ones the sweep has filed away.
    const answeredAt = !answered ? null : status === 'closed' ? acceptedAt + random() * 55 * DAY_MS : now - random() * 25 * DAY_MS;
    const missed = random() < 0.08 ? 1 : 0;
    const rated = status === 'closed' ? random() < 0.7 : status === 'under_review' || (status === 'replied' && random() < 0.2);
    const rating = !rated ? null : status === 'under_review' ? 'unsatisfied' : pick(RATINGS);
    const open: { id: number; kind: string; dueOn: string }[] = [];

    const deadline = async (kind: string, startedAt: number, days: number, metAt: number | null, cancelled: boolean) => {
      const dueOn = addCalendarDays(dayOf(startedAt), days);
      deadlineId++;
      await deadlines.add([
        deadlineId,
        id,
        kind,
        dueOn,
        0,
        datetime(startedAt),
        metAt === null ? null : datetime(metAt),
        cancelled ? datetime(startedAt + DAY_MS) : null,
      ]);
      if (metAt === null && !cancelled) open.push({ id: deadlineId, kind, dueOn });
      return dueOn;
    };
    const acceptanceMet = accepted || status === 'declined' ? acceptedAt : null;
    const acceptanceDue = await deadline('acceptance', receivedAt, 21, acceptanceMet, setAside);
    if (accepted) {
      const handlingMet = answeredAt ?? (status === 'concluded' || status === 'transferred' ? acceptedAt + 20 * DAY_MS : null);
      await deadline('handling', acceptedAt, 60, handlingMet, status === 'transferred');
    }
    if (status === 'under_review') await deadline('review', answeredAt! + DAY_MS, 30, null, false);

    const nextDue = open.map((d) => d.dueOn).sort()[0] ?? null;
    const handling = village.township;
    await reports.add([
      id,
      `L${String(id).padStart(10, '0')}`,
      village.code,
      pick(CATEGORIES),
      CONTENT,
      random() < 0.4 ? 'anonymous' : 'real_name',
      `q${id}`,
      `k${id}`,
      'f',
      status,
      datetime(receivedAt),
      answeredAt === null ? null : datetime(answeredAt),
      track,
      'online',
      handling,
      'township',
      0,
      missed,
      acceptanceMet === null ? null : Number(dayOf(acceptanceMet) <= acceptanceDue),
      rating,
      rating ? (random() < 0.15 ? 'callback' : 'reporter') : null,
      nextDue,
      accepted ? 2 : 0,
    ]);
    await events.add([id, 'submitted', 'reporter', '已收到您的反映', null, datetime(receivedAt)]);
    if (accepted) await events.add([id, 'accept', 'staff:1', '已受理', '受理，转乡镇纪委办理', datetime(acceptedAt)]);
    if (answeredAt !== null) await events.add([id, 'reply', 'staff:1', '经核查，情况已处理。', null, datetime(answeredAt)]);

    // What the sweep raised already: overdue flags, escalations of the long overdue, reminders due soon.
    for (const d of open) {
      if (d.dueOn < today) {
        await alerts.add([id, d.id, 'overdue', d.dueOn, handling, datetime(now - DAY_MS)]);
        if (addCalendarDays(d.dueOn, 10) <= today)
          await alerts.add([id, d.id, 'escalated', d.dueOn, village.county, datetime(now - DAY_MS)]);
      } else if (d.dueOn <= addCalendarDays(today, 7)) {
        await alerts.add([id, d.id, 'due_soon', d.dueOn, handling, datetime(now - DAY_MS)]);
      }
    }
    if (id % 100_000 === 0) console.log(`  ${id} reports (${Math.round((Date.now() - started) / 1000)} s)`);
  }
  for (const bulk of [reports, deadlines, events, alerts]) await bulk.flush();
  // The county figures' rollup, as the migration computes it from the reports there are.
  const figuresStarted = Date.now();
  const runner = dataSource.createQueryRunner();
  try {
    await fillFiguresRollup(runner);
  } finally {
    await runner.release();
  }
  console.log(`  figures rollup computed in ${Math.round((Date.now() - figuresStarted) / 100) / 10} s`);
  await dataSource.query('ANALYZE TABLE reports, report_deadlines, case_alerts, report_events');
  const seconds = Math.round((Date.now() - started) / 100) / 10;
  console.log(
    `Loaded ${DATABASE}: ${villages.length} villages, ${reports.count} reports, ${deadlines.count} deadlines, ` +
      `${events.count} events, ${alerts.count} alerts in ${seconds} s.`,
  );
} finally {
  await dataSource.destroy();
}
