import { Injectable } from '@nestjs/common';
import type { CaseSummary, TownshipStatsSchema } from '@mashang/shared';
import type { z } from 'zod';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { chinaDate } from '../calendar/china-date.js';
import { RegionRepository } from '../region/region.repository.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import { CaseRepository, type ReceivedRange, type TownshipCounts } from './case.repository.js';
import { FIGURE_COUNTERS, zeroCounts } from './figures/figure-contribution.js';
import { FiguresRollup } from './figures/figures-rollup.js';
import { daysHoldingMedian, medianFromDays } from './figures/median.js';
import { splitByMonths } from './figures/received-months.js';
import { CaseView } from './case-view.js';

type TownshipStats = z.infer<typeof TownshipStatsSchema>;
/** The overdue cases listed with the figures, most overdue first; `overdueTotal` counts them all. */
const OVERDUE_LISTED = 100;

/** The county's view: how each township keeps its deadlines and how reporters rate the answers. */
@Injectable()
export class CaseStatsService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly regions: RegionRepository,
    private readonly view: CaseView,
    private readonly clock: Clock,
    private readonly rollup: FiguresRollup,
  ) {}

  async stats(
    account: StaffAccountEntity,
    range: ReceivedRange = {},
  ): Promise<{ townships: TownshipStats[]; overdue: CaseSummary[]; overdueTotal: number }> {
    if (range.from && range.to && range.from > range.to) {
      throw new DomainError('VALIDATION_FAILED', [{ field: 'query.to', message: '结束日期不能早于开始日期' }]);
    }
    const county = account.regionCode; // a county supervisor's region is a county
    const today = chinaDate(this.clock.now());
    const townships = await this.regions.childrenOf(county);
    const codes = townships.map((t) => t.code);
    const [counts, medians, overdueReports] = await Promise.all([
      this.countsOf(codes, range, today),
      this.medianDaysToAnswer(codes, range, today),
      this.cases.overdueCases(county, range, today, OVERDUE_LISTED),
    ]);
    const rows = townships.map((township): TownshipStats => {
      const c = counts.find((row) => row.township === township.code);
      const rated = c?.rated ?? 0;
      return {
        code: township.code,
        name: township.name,
        received: c?.received ?? 0,
        // Repeats and floods set aside are counted apart, never as reports received or answered.
        duplicates: c?.duplicates ?? 0,
        invalid: c?.invalid ?? 0,
        ratingsByReporter: rated - (c?.ratedByCallback ?? 0),
        ratingsByCallback: c?.ratedByCallback ?? 0,
        acceptanceDecided: c?.acceptanceDecided ?? 0,
        acceptedOnTime: c?.acceptedOnTime ?? 0,
        answered: c?.answered ?? 0,
        answeredOnTime: c?.answeredOnTime ?? 0,
        overdueNow: c?.overdueNow ?? 0,
        medianDaysToAnswer: medians.get(township.code) ?? null,
        rated,
        satisfied: c?.satisfied ?? 0,
        satisfaction: rated ? (c?.satisfied ?? 0) / rated : null,
      };
    });
    const overdue = await this.view.summaries(overdueReports, await this.cases.openDeadlinesOf(overdueReports.map((r) => r.id)));
    return { townships: rows, overdue, overdueTotal: counts.reduce((sum, c) => sum + c.overdueNow, 0) };
  }

  /**
   * Each township's counts: whole months from the rollup, the days of a month the range covers only
   * in part from the reports, and the cases overdue today (which a rollup cannot know) from the reports.
   */
  private async countsOf(townships: string[], range: ReceivedRange, today: string): Promise<TownshipCounts[]> {
    const { months, days } = splitByMonths(range, today);
    const [rolled, overdue, ...partial] = await Promise.all([
      months ? this.rollup.countsOver(townships, months) : Promise.resolve([]),
      this.cases.overdueCounts(townships, range, today),
      ...days.map((d) => this.cases.townshipCounts(townships, d, today)),
    ]);
    const sums = new Map<string, TownshipCounts>();
    for (const row of [...rolled, ...partial.flat()]) {
      const sum = sums.get(row.township) ?? { township: row.township, ...zeroCounts(), overdueNow: 0 };
      for (const c of FIGURE_COUNTERS) sum[c] += row[c];
      sums.set(row.township, sum);
    }
    for (const row of sums.values()) row.overdueNow = overdue.find((o) => o.township === row.township)?.overdueNow ?? 0;
    return [...sums.values()];
  }

  /**
   * The median days to answer per township: answers per whole day (whole months from the rollup, part
   * months from the reports) find the day the median falls on, and that day's tenths give it.
   */
  private async medianDaysToAnswer(townships: string[], range: ReceivedRange, today: string): Promise<Map<string, number | null>> {
    const { months, days } = splitByMonths(range, today);
    const [wholeDays, ...partial] = await Promise.all([
      months ? this.rollup.wholeDaysOver(townships, months) : Promise.resolve([]),
      ...days.map((d) => this.cases.daysToAnswerHistogram(townships, d)),
    ]);
    const tenthsFromReports = partial.flat();
    const perDay = new Map<string, Map<number, number>>(townships.map((t) => [t, new Map<number, number>()]));
    const add = (township: string, day: number, count: number) => {
      const counts = perDay.get(township);
      counts?.set(day, (counts.get(day) ?? 0) + count);
    };
    for (const row of wholeDays) add(row.township, row.days, row.count);
    for (const row of tenthsFromReports) add(row.township, Math.floor(row.tenths / 10), row.count);
    const medianDays = new Map([...perDay].map(([township, counts]) => [township, daysHoldingMedian(counts)]));
    const tenths = [...(months ? await this.rollup.tenthsOver(townships, months, medianDays) : []), ...tenthsFromReports];
    return new Map(
      [...perDay].map(([township, counts]) => [
        township,
        medianFromDays(
          counts,
          tenths.filter((h) => h.township === township),
        ),
      ]),
    );
  }
}
