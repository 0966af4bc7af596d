import { contract, type Rating, type RouteInput } from '@mashang/shared';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { chinaMorning, county, fileReport, type Region, type StaffFixture, staffAccount, township, village } from './factories/index.js';
import { DATABASE_KINDS } from './support/databases.js';
import { type Caller, startTestApp, type TestApp } from './support/test-app.js';
import { chinaDate } from '../src/modules/calendar/china-date.js';
import { CaseRepository, type ReceivedRange } from '../src/modules/case/case.repository.js';
import { DeadlineSweep } from '../src/modules/case/deadline-sweep.js';
import { FIGURE_COUNTERS, type FigureCounts } from '../src/modules/case/figures/figure-contribution.js';
import { FiguresRollup } from '../src/modules/case/figures/figures-rollup.js';
import type { MonthSpan } from '../src/modules/case/figures/received-months.js';
import { FiguresRollup1765670400500 } from '../src/database/migrations/1765670400500-figures-rollup.js';

type Action = RouteInput<typeof contract.case.act>['body'];
const RATINGS: Rating[] = ['very_satisfied', 'satisfied', 'basically_satisfied', 'unsatisfied', 'very_unsatisfied'];

/** A small deterministic generator: a failing sequence can be replayed from its seed. */
function generator(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]! };
}

/**
 * The figures' rollup against the figures counted from the reports themselves (the SQL the figures
 * ran before the rollup, kept as the oracle): after random workflows, with the sweep flagging missed
 * deadlines, with steps on one township's cases at once, and as the migration computes it afresh.
 */
describe.each(DATABASE_KINDS)('county figures rollup on %s', (kind) => {
  let t: TestApp;
  let townships: Region[];
  let villages: Region[];
  let handlers: StaffFixture[];
  let countyStaff: StaffFixture;
  const filed: { reportNo: string; queryCode: string }[] = [];
  const act = (as: Caller, reportNo: string, body: Action) => t.call(contract.case.act, { params: { reportNo }, body }, as);
  const codes = () => townships.map((r) => r.code);

  /** Counters and answers per day and per tenth per township over a range, from the rollup and from the reports, zero rows left out. */
  async function bothWays(range: ReceivedRange, months: MonthSpan) {
    const cases = t.app.get(CaseRepository);
    const rollup = t.app.get(FiguresRollup);
    const today = chinaDate(t.clock.now());
    const counters = (rows: (FigureCounts & { township: string })[]) =>
      Object.fromEntries(
        rows
          .map((row) => [row.township, Object.fromEntries(FIGURE_COUNTERS.map((c) => [c, row[c]]))] as const)
          .filter(([, counts]) => Object.values(counts).some((n) => n !== 0))
          .sort(([a], [b]) => String(a).localeCompare(String(b))),
      );
    const byKey = (rows: { township: string; key: number; count: number }[]) => {
      const sums = new Map<string, number>();
      for (const r of rows) sums.set(`${r.township}:${r.key}`, (sums.get(`${r.township}:${r.key}`) ?? 0) + r.count);
      return Object.fromEntries([...sums].filter(([, n]) => n !== 0).sort(([a], [b]) => a.localeCompare(b)));
    };
    const tenths = await cases.daysToAnswerHistogram(codes(), range);
    return {
      fromReports: {
        counts: counters(await cases.townshipCounts(codes(), range, today)),
        tenths: byKey(tenths.map((r) => ({ township: r.township, key: r.tenths, count: r.count }))),
        days: byKey(tenths.map((r) => ({ township: r.township, key: Math.floor(r.tenths / 10), count: r.count }))),
      },
      fromRollup: {
        counts: counters(await rollup.countsOver(codes(), months)),
        tenths: byKey((await rollup.tenthsOver(codes(), months)).map((r) => ({ township: r.township, key: r.tenths, count: r.count }))),
        days: byKey((await rollup.wholeDaysOver(codes(), months)).map((r) => ({ township: r.township, key: r.days, count: r.count }))),
      },
    };
  }

  /** Over all time, each year and each month any report was received in, the rollup says what the reports say. */
  async function expectRollupTrue() {
    const all = await bothWays({}, { from: null, to: null });
    expect(all.fromRollup).toEqual(all.fromReports);
    expect(Object.keys(all.fromReports.counts).length).toBeGreaterThan(0);
    const rows: { received_at: Date | string }[] = await t.app.get(DataSource).query('SELECT received_at FROM reports');
    const months = new Set(
      rows.map((r) => chinaDate(new Date(r.received_at instanceof Date ? r.received_at : `${r.received_at}Z`)).slice(0, 7)),
    );
    for (const month of months) {
      const [year, m] = month.split('-').map(Number) as [number, number];
      const last = new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
      const one = await bothWays({ from: `${month}-01`, to: last }, { from: month, to: month });
      expect({ month, ...one.fromRollup }).toEqual({ month, ...one.fromReports });
    }
    for (const year of new Set([...months].map((m) => m.slice(0, 4)))) {
      const one = await bothWays({ from: `${year}-01-01`, to: `${year}-12-31` }, { from: `${year}-01`, to: `${year}-12` });
      expect({ year, ...one.fromRollup }).toEqual({ year, ...one.fromReports });
    }
  }

  beforeAll(async () => {
    t = await startTestApp(kind);
    const qingshui = await county(t);
    townships = [await township(t, qingshui), await township(t, qingshui)];
    villages = [await village(t, townships[0]!), await village(t, townships[0]!), await village(t, townships[1]!)];
    handlers = [await staffAccount(t, 'township_handler', townships[0]!), await staffAccount(t, 'township_handler', townships[1]!)];
    countyStaff = await staffAccount(t, 'county_supervisor', qingshui);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stays equal to the figures counted from the reports through random workflows, sweeps and months', async () => {
    const random = generator(20_261_128);
    t.clock.set(chinaMorning('2026-01-20'));
    const file = async () => {
      const receipt = await fileReport(t, random.pick(villages), { track: random.pick(['accusation', 'petition'] as const) });
      filed.push({ reportNo: receipt.reportNo, queryCode: receipt.queryCode });
    };
    for (let i = 0; i < 6; i++) await file();
    // Whoever may see the case takes the step: its township's handler, or the county once it was sent up.
    const staffAct = async (body: Action) => {
      const { reportNo } = report();
      let answer = await act(handlers[0]!, reportNo, body);
      for (const as of [handlers[1]!, countyStaff]) if ([403, 404].includes(answer.status)) answer = await act(as, reportNo, body);
      return answer;
    };
    const staff = () => random.pick([...handlers, countyStaff]);
    const report = () => random.pick(filed);
    const moves: [number, () => Promise<{ status: number } | void>][] = [
      [3, () => file()],
      [5, () => staffAct({ action: 'accept' })],
      [1, () => staffAct({ action: 'decline', reason: '不属于受理范围的事项' })],
      [6, () => staffAct({ action: 'reply', text: '经核查，反映的问题已处理完毕。' })],
      [1, () => staffAct({ action: 'conclude' })],
      [1, () => staffAct({ action: 'close' })],
      [1, () => staffAct({ action: 'transfer_township', townshipCode: random.pick(codes()), reason: '属于其他乡镇管辖' })],
      [1, () => staffAct({ action: 'transfer_up', reason: '案情复杂，报县纪委办理' })],
      [
        1,
        () =>
          staffAct({
            action: 'reclassify',
            track: random.pick(['accusation', 'petition'] as const),
            reason: '反映类别有误',
          }),
      ],
      [6, () => t.call(contract.reporter.rate, { body: { queryCode: report().queryCode, rating: random.pick(RATINGS) } })],
      [
        1,
        () =>
          t.call(
            contract.case.callbackRating,
            { params: { reportNo: report().reportNo }, body: { rating: random.pick(RATINGS) } },
            countyStaff,
          ),
      ],
      [1, () => t.call(contract.reporter.requestReview, { body: { queryCode: report().queryCode, reason: '还有问题没有查清楚' } })],
      [
        1,
        () =>
          t.call(
            contract.case.mark,
            { body: { mark: 'invalid', reportNos: [report().reportNo], reason: '内容与本村无关的无效反映' } },
            staff(),
          ),
      ],
      [
        1,
        () =>
          t.call(
            contract.case.mark,
            { body: { mark: 'duplicate', reportNos: [report().reportNo], duplicateOf: report().reportNo } },
            staff(),
          ),
      ],
      [3, () => Promise.resolve(t.clock.set(new Date(t.clock.now().getTime() + Math.floor(random.next() * 12 * 86_400_000))))],
      [2, async () => void (await t.app.get(DeadlineSweep).run())],
    ];
    const weighted = moves.flatMap(([weight, move]) => Array.from({ length: weight }, () => move));
    let taken = 0;
    for (let round = 1; round <= 200; round++) {
      const answer = await random.pick(weighted)();
      if (answer) expect(answer.status).toBeLessThan(500);
      if (answer?.status === 200) taken++;
      if (round % 50 === 0) await expectRollupTrue();
    }
    // Enough of the random steps were allowed to move cases through their lives.
    expect(taken).toBeGreaterThan(25);
  }, 300_000);

  it('answers the same as the migration computing it afresh from the reports', async () => {
    const rollup = t.app.get(FiguresRollup);
    const all = { from: null, to: null };
    const read = async () => ({
      counts: (await rollup.countsOver(codes(), all)).filter((r) => FIGURE_COUNTERS.some((c) => r[c] !== 0)),
      tenths: await rollup.tenthsOver(codes(), all),
      days: await rollup.wholeDaysOver(codes(), all),
    });
    const sorted = <T>(rows: T[]) => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    const kept = await read();
    const runner = t.app.get(DataSource).createQueryRunner();
    try {
      const migration = new FiguresRollup1765670400500();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const afresh = await read();
    expect(kept.tenths.length).toBeGreaterThan(0);
    expect({ counts: sorted(afresh.counts), tenths: sorted(afresh.tenths), days: sorted(afresh.days) }).toEqual({
      counts: sorted(kept.counts),
      tenths: sorted(kept.tenths),
      days: sorted(kept.days),
    });
  });

  it("takes steps on one township's cases at once without a deadlock or a lost count", async () => {
    t.clock.set(chinaMorning('2026-11-02'));
    const [dongshan] = villages;
    const receipts = await Promise.all(Array.from({ length: 12 }, () => fileReport(t, dongshan!)));
    expect(receipts.every((r) => r.reportNo)).toBe(true);
    const accepted = await Promise.all(receipts.map((r) => act(handlers[0]!, r.reportNo, { action: 'accept' })));
    expect(accepted.map((a) => a.status)).toEqual(receipts.map(() => 200));
    t.clock.set(chinaMorning('2026-11-05'));
    const replied = await Promise.all(
      receipts.map((r) => act(handlers[0]!, r.reportNo, { action: 'reply', text: '经核查，反映的问题已处理完毕。' })),
    );
    expect(replied.map((a) => a.status)).toEqual(receipts.map(() => 200));
    const rated = await Promise.all(
      receipts.map((r, i) => t.call(contract.reporter.rate, { body: { queryCode: r.queryCode, rating: RATINGS[i % RATINGS.length]! } })),
    );
    expect(rated.map((a) => a.status)).toEqual(receipts.map(() => 200));
    await expectRollupTrue();
  }, 120_000);
});
