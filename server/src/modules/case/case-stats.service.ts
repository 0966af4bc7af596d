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
import { splitByMonths } from './figures/received-months.js';
import { CaseView } from './case-view.js';

type TownshipStats = z.infer<typeof TownshipStatsSchema>;
/** The overdue cases listed with the figures, most overdue first; `overdueTotal` counts them all. */
const OVERDUE_LISTED = 100;

/** The median of values given as counts per tenth of a day, in days. */
function medianOfTenths(histogram: { tenths: number; count: number }[]): number | null {
  const total = histogram.reduce((sum, h) => sum + h.count, 0);
  if (!total) return null;
  const sorted = [...histogram].sort((a, b) => a.tenths - b.tenths);
  // The value at a 0-based position of the sorted values.
  const at = (position: number): number => {
    let seen = 0;
    for (const h of sorted) {
      seen += h.count;
      if (position < seen) return h.tenths;
    }
    return sorted.at(-1)!.tenths;
  };
  const mid = Math.floor(total / 2);
  const tenths = total % 2 ? at(mid) : (at(mid - 1) + at(mid)) / 2;
  return tenths / 10;
}

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
    const [counts, histogram, overdueReports] = await Promise.all([
      this.countsOf(codes, range, today),
      this.answerDaysOf(codes, range),
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
        medianDaysToAnswer: medianOfTenths(histogram.filter((h) => h.township === township.code)),
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
    const { months, days } = splitByMonths(range);
    const [rolled, overdue, ...partial] = await Promise.all([
      months ? this.rollup.countsOver(townships, months.from, months.to) : Promise.resolve([]),
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

  /** How long answers took, per township per tenth of a day: whole months from the rollup, part months from the reports. */
  private async answerDaysOf(townships: string[], range: ReceivedRange): Promise<{ township: string; tenths: number; count: number }[]> {
    const { months, days } = splitByMonths(range);
    const parts = await Promise.all([
      months ? this.rollup.answerDaysOver(townships, months.from, months.to) : Promise.resolve([]),
      ...days.map((d) => this.cases.daysToAnswerHistogram(townships, d)),
    ]);
    return parts.flat();
  }
}
