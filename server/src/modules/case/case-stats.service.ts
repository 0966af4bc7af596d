import { Injectable } from '@nestjs/common';
import { type CaseSummary, type ReportStatus, isStaffDuty } from '@mashang/shared';
import type { z } from 'zod';
import type { TownshipStatsSchema } from '@mashang/shared';
import { Clock } from '../../common/clock.js';
import { chinaDate } from '../calendar/china-date.js';
import { RegionRepository } from '../region/region.repository.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import { CaseRepository } from './case.repository.js';
import { CaseView } from './case-view.js';
import { handlingTownshipOf } from './jurisdiction.js';

type TownshipStats = z.infer<typeof TownshipStatsSchema>;
const DAY_MS = 86_400_000;
const SET_ASIDE: readonly ReportStatus[] = ['duplicate', 'invalid'];

function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The county's view: how each township keeps its deadlines and how reporters rate the answers. */
@Injectable()
export class CaseStatsService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly regions: RegionRepository,
    private readonly view: CaseView,
    private readonly clock: Clock,
  ) {}

  async stats(account: StaffAccountEntity): Promise<{ townships: TownshipStats[]; overdue: CaseSummary[] }> {
    const county = account.regionCode; // a county supervisor's region is a county
    const [townships, reports, deadlines] = await Promise.all([
      this.regions.childrenOf(county),
      this.cases.list({ regionCode: county }),
      this.cases.deadlinesInRegion(county),
    ]);
    const today = chinaDate(this.clock.now());
    const isOverdue = (d: (typeof deadlines)[number]) => !d.metAt && !d.cancelledAt && today > d.dueOn && isStaffDuty(d.kind);

    const rows = townships.map((township) => {
      // A transferred case counts for the township it was transferred to.
      const ofTownship = reports.filter((r) => handlingTownshipOf(r) === township.code);
      // Repeats and floods set aside are counted apart, never as reports received or answered.
      const mine = ofTownship.filter((r) => !SET_ASIDE.includes(r.status));
      const ids = new Set(mine.map((r) => r.id));
      const own = deadlines.filter((d) => ids.has(d.reportId));
      const answered = mine.filter((r) => r.answeredAt);
      const rated = mine.filter((r) => r.rating);
      return {
        code: township.code,
        name: township.name,
        received: mine.length,
        duplicates: ofTownship.filter((r) => r.status === 'duplicate').length,
        invalid: ofTownship.filter((r) => r.status === 'invalid').length,
        ratingsByReporter: rated.filter((r) => r.ratedBy !== 'callback').length,
        ratingsByCallback: rated.filter((r) => r.ratedBy === 'callback').length,
        acceptedOnTime: own.filter((d) => d.kind === 'acceptance' && d.metAt && chinaDate(d.metAt) <= d.dueOn).length,
        answeredOnTime: answered.filter((r) => r.missedDeadline === 0).length,
        overdueNow: new Set(own.filter(isOverdue).map((d) => d.reportId)).size,
        medianDaysToAnswer: median(
          answered.map((r) => Math.round(((r.answeredAt!.getTime() - r.receivedAt.getTime()) / DAY_MS) * 10) / 10),
        ),
        satisfaction: rated.length ? rated.filter((r) => r.rating !== 'unsatisfied').length / rated.length : null,
      };
    });
    const overdueIds = new Set(deadlines.filter(isOverdue).map((d) => d.reportId));
    const overdueReports = reports.filter((r) => overdueIds.has(r.id));
    const overdue = await this.view.summaries(
      overdueReports,
      deadlines.filter((d) => overdueIds.has(d.reportId)),
    );
    return { townships: rows, overdue: overdue.sort((a, b) => (a.nextDue?.daysLeft ?? 0) - (b.nextDue?.daysLeft ?? 0)) };
  }
}
