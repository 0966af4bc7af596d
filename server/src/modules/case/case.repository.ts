import { Injectable } from '@nestjs/common';
import { DUE_DATE_KINDS, type ReportCategory, type ReportStatus } from '@mashang/shared';
import { DataSource, In, IsNull, Like, type Repository } from 'typeorm';
import { ReportEventEntity } from './entities/report-event.entity.js';
import { isUniqueViolation } from '../../database/unique-violation.js';
import { ReportEntity } from './entities/report.entity.js';
import { CaseAlertEntity } from './entities/case-alert.entity.js';
import { CaseTransferEntity } from './entities/case-transfer.entity.js';
import { ReportDeadlineEntity } from './entities/report-deadline.entity.js';
import { isReporterClock } from './report-view.js';
import { refreshNextDue } from './workflow/next-due.js';

export interface CaseFilter {
  regionCode: string;
  statuses?: ReportStatus[];
  village?: string;
  category?: ReportCategory;
}

/** Staff-side reads across cases: always scoped to a region prefix. */
@Injectable()
export class CaseRepository {
  private readonly reports: Repository<ReportEntity>;
  private readonly deadlines: Repository<ReportDeadlineEntity>;
  private readonly alerts: Repository<CaseAlertEntity>;
  private readonly events: Repository<ReportEventEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.reports = dataSource.getRepository(ReportEntity);
    this.deadlines = dataSource.getRepository(ReportDeadlineEntity);
    this.alerts = dataSource.getRepository(CaseAlertEntity);
    this.events = dataSource.getRepository(ReportEventEntity);
  }

  /**
   * One page of the region's cases, most urgent first, all in SQL: the nearest open deadline
   * (overdue the longest first), cases without one last, then the newest. Nothing is left out:
   * every case is on some page, and `total` counts them all.
   */
  async page(
    filter: CaseFilter & { overdueBefore?: string },
    offset: number,
    limit: number,
  ): Promise<{ items: ReportEntity[]; total: number }> {
    const query = this.reports.createQueryBuilder('r');
    if (filter.regionCode.length === 9) {
      // A township's cases are the ones it handles, whichever village they came from.
      query.where('r.handling_code = :township', { township: filter.regionCode });
      if (filter.village) query.andWhere('r.village_code = :village', { village: filter.village });
    } else {
      const prefix = filter.village?.startsWith(filter.regionCode) ? filter.village : filter.regionCode;
      query.where('r.village_code LIKE :prefix', { prefix: `${prefix}%` });
    }
    if (filter.statuses) query.andWhere('r.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.category) query.andWhere('r.category = :category', { category: filter.category });
    if (filter.overdueBefore) query.andWhere('r.next_due_on < :today', { today: filter.overdueBefore });
    const total = await query.getCount();
    const items = await query
      .orderBy('CASE WHEN r.next_due_on IS NULL THEN 1 ELSE 0 END', 'ASC')
      .addOrderBy('r.next_due_on', 'ASC')
      .addOrderBy('r.received_at', 'DESC')
      .addOrderBy('r.id', 'DESC')
      .offset(offset)
      .limit(limit)
      .getMany();
    return { items, total };
  }

  list(filter: CaseFilter, limit?: number): Promise<ReportEntity[]> {
    const prefix = filter.village?.startsWith(filter.regionCode) ? filter.village : filter.regionCode;
    return this.reports.find({
      where: {
        villageCode: Like(`${prefix}%`),
        ...(filter.statuses ? { status: In(filter.statuses) } : {}),
        ...(filter.category ? { category: filter.category } : {}),
      },
      order: { receivedAt: 'DESC' },
      take: limit,
    });
  }

  openDeadlinesOf(reportIds: number[]): Promise<ReportDeadlineEntity[]> {
    if (!reportIds.length) return Promise.resolve([]);
    return this.deadlines.find({ where: { reportId: In(reportIds), metAt: IsNull(), cancelledAt: IsNull() }, order: { dueOn: 'ASC' } });
  }

  /** Every deadline of the region's cases, by a join rather than a list of ids (SQLite caps parameters). */
  deadlinesInRegion(regionCode: string): Promise<ReportDeadlineEntity[]> {
    return this.deadlines
      .createQueryBuilder('d')
      .innerJoin(ReportEntity, 'r', 'r.id = d.report_id')
      .where('r.village_code LIKE :prefix', { prefix: `${regionCode}%` })
      .getMany();
  }

  /** Open deadlines due on or before a date: what the sweep looks at. */
  openDeadlinesDueBy(date: string): Promise<ReportDeadlineEntity[]> {
    return this.deadlines
      .createQueryBuilder('d')
      .where('d.met_at IS NULL AND d.cancelled_at IS NULL AND d.due_on <= :date', { date })
      .getMany();
  }

  openProvisionalDeadlines(): Promise<ReportDeadlineEntity[]> {
    return this.deadlines.findBy({ provisional: 1, metAt: IsNull(), cancelledAt: IsNull() });
  }

  /** Fixes a provisional date; false when another instance already did (then it wrote the event). */
  async settleDeadline(deadline: ReportDeadlineEntity, dueOn: string, at: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const changed = await manager.update(ReportDeadlineEntity, { id: deadline.id, provisional: 1 }, { dueOn, provisional: 0 });
      if (changed.affected !== 1) return false;
      if (dueOn === deadline.dueOn) return true;
      await refreshNextDue(manager, deadline.reportId);
      await manager.insert(ReportEventEntity, {
        reportId: deadline.reportId,
        type: 'recalculated',
        actor: 'system',
        // The reporter is told when a date they were shown as provisional changed.
        publicText: isReporterClock(deadline.kind)
          ? `${DUE_DATE_KINDS[deadline.kind]}期限已由${deadline.dueOn}（预计）调整为${dueOn}`
          : null,
        internalText: `节假日安排已录入，期限由${deadline.dueOn}（预计）调整为${dueOn}`,
        createdAt: at,
      });
      return true;
    });
  }

  /** The transfers a township made, newest first, with only the report's number. */
  async transfersFrom(township: string): Promise<{ transfer: CaseTransferEntity; reportNo: string }[]> {
    const transfers = await this.dataSource
      .getRepository(CaseTransferEntity)
      .find({ where: { fromCode: township }, order: { createdAt: 'DESC', id: 'DESC' }, take: 500 });
    const reports = await this.findReports(transfers.map((t) => t.reportId));
    return transfers.map((transfer) => ({ transfer, reportNo: reports.find((r) => r.id === transfer.reportId)?.reportNo ?? '' }));
  }

  /** Answered cases not yet filed away, but for those the reporter was content with. */
  answeredUnsettled(): Promise<ReportEntity[]> {
    return this.reports.find({ where: { status: 'replied' }, order: { id: 'ASC' } });
  }

  findReports(ids: number[]): Promise<ReportEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.reports.findBy({ id: In(ids) });
  }

  /**
   * Alerts addressed to the region, on deadlines still open: reminders and overdue flags while the
   * region's level handles the case, escalations to the county. One line per deadline: the latest
   * (an overdue flag replaces its reminder).
   */
  async openAlerts(
    regionCode: string,
    level: ReportEntity['level'],
  ): Promise<{ alert: CaseAlertEntity; deadline: ReportDeadlineEntity; report: ReportEntity }[]> {
    const all = await this.alerts
      .createQueryBuilder('a')
      .innerJoin(ReportDeadlineEntity, 'd', 'd.id = a.deadline_id AND d.due_on = a.due_on AND d.met_at IS NULL AND d.cancelled_at IS NULL')
      .innerJoin(ReportEntity, 'r', 'r.id = a.report_id')
      .where('a.region_code = :regionCode', { regionCode })
      .andWhere("(a.kind = 'escalated' OR r.level = :level)", { level })
      // A township hears nothing more of a case it transferred away.
      .andWhere(level === 'township' ? 'r.handling_code = :regionCode' : '1 = 1', { regionCode })
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .getMany();
    const seen = new Set<number>();
    const rows = all.filter((a) => !seen.has(a.deadlineId) && seen.add(a.deadlineId));
    const [deadlines, reports] = await Promise.all([
      this.deadlines.findBy({ id: In(rows.map((a) => a.deadlineId).concat(0)) }),
      this.reports.findBy({ id: In(rows.map((a) => a.reportId).concat(0)) }),
    ]);
    return rows.map((alert) => ({
      alert,
      deadline: deadlines.find((d) => d.id === alert.deadlineId)!,
      report: reports.find((r) => r.id === alert.reportId)!,
    }));
  }

  /**
   * Raises an alert and applies what comes with it, all or nothing. Answers false when another
   * sweep raised the same alert first (the unique index refused this one) and nothing was done.
   */
  async raiseAlert(
    alert: Omit<CaseAlertEntity, 'id'>,
    flags: Partial<Pick<ReportEntity, 'missedDeadline' | 'escalated'>>,
    internalText: string | null,
  ): Promise<boolean> {
    try {
      await this.dataSource.transaction(async (manager) => {
        await manager.insert(CaseAlertEntity, alert);
        if (Object.keys(flags).length) await manager.update(ReportEntity, { id: alert.reportId }, flags);
        if (internalText) {
          await manager.insert(ReportEventEntity, {
            reportId: alert.reportId,
            type: 'escalated',
            actor: 'system',
            publicText: null,
            internalText,
            createdAt: alert.createdAt,
          });
        }
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }
}
