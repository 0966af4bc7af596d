import { Injectable } from '@nestjs/common';
import type { MyReports as MyReportsPage, ReportStatusView } from '@mashang/shared';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { chinaDate } from '../calendar/china-date.js';
import { ReportDeadlineEntity } from '../case/entities/report-deadline.entity.js';
import { ReportEventEntity } from '../case/entities/report-event.entity.js';
import { ReportEntity } from '../case/entities/report.entity.js';
import { nextStepOf, reporterDueDatesOf } from '../case/report-view.js';
import { ReportService } from '../case/report.service.js';
import { answerFacts } from '../case/workflow/contest.js';
import { DeadlineRulesService } from '../deadline/deadline-rules.service.js';
import { RegionRepository } from '../region/region.repository.js';
import type { ReporterSessionEntity } from './reporter.entities.js';

/**
 * 我的反映: the real-name reports of the signed-in reporter, those filed while signed in with WeChat
 * for a WeChat session, those filed in H5 giving the phone for a phone session. Nobody else's report is ever
 * answered: it is "not found", exactly as a report that does not exist.
 */
@Injectable()
export class MyReports {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportService,
    private readonly regions: RegionRepository,
    private readonly rules: DeadlineRulesService,
    private readonly clock: Clock,
  ) {}

  /**
   * Newest first, one page of them, each as its status page sums it up (ReportService.view): the same
   * village name, status and next step. A page reads each table once, whatever its length.
   */
  async list(session: ReporterSessionEntity, offset: number, limit: number): Promise<MyReportsPage> {
    const [owned, value] = ownerOf(session);
    const [ids, counted] = await Promise.all([
      this.dataSource.query<{ id: number | string }[]>(
        `SELECT id FROM reports WHERE ${owned} ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?`,
        [value, limit, offset],
      ),
      this.dataSource.query<{ n: number | string }[]>(`SELECT COUNT(*) AS n FROM reports WHERE ${owned}`, [value]),
    ]);
    const total = Number(counted[0]?.n ?? 0);
    const reportIds = ids.map((r) => Number(r.id));
    if (!reportIds.length) return { items: [], total };

    const found = await this.dataSource.getRepository(ReportEntity).findBy({ id: In(reportIds) });
    const [villages, events, deadlines] = await Promise.all([
      this.regions.findMany([...new Set(found.map((r) => r.villageCode))]),
      // What the status page reads of the public timeline: the steps and when (never the text staff keep to themselves).
      this.dataSource.getRepository(ReportEventEntity).find({
        select: { id: true, reportId: true, type: true, createdAt: true },
        where: { reportId: In(reportIds), publicText: Not(IsNull()) },
        order: { createdAt: 'ASC', id: 'ASC' },
      }),
      this.dataSource.getRepository(ReportDeadlineEntity).find({
        where: { reportId: In(reportIds) },
        order: { startedAt: 'ASC', id: 'ASC' },
      }),
    ]);
    const byId = new Map(found.map((r) => [r.id, r]));
    const villageName = new Map(villages.map((v) => [v.code, v.name]));
    const eventsOf = groupBy(events, (e) => e.reportId);
    const deadlinesOf = groupBy(deadlines, (d) => d.reportId);
    const now = this.clock.now();
    const today = chinaDate(now);
    return {
      items: reportIds.map((id) => {
        const report = byId.get(id)!;
        const timeline = eventsOf.get(id) ?? [];
        const clocks = deadlinesOf.get(id) ?? [];
        const dueDates = reporterDueDatesOf(clocks, now);
        const facts = answerFacts(report, timeline, clocks, this.rules.for(report.villageCode), today);
        return {
          ref: report.reportNo,
          villageName: villageName.get(report.villageCode) ?? '',
          category: report.category,
          status: report.status,
          receivedAt: report.receivedAt.toISOString(),
          next: nextStepOf({ ...report, dueDates, answer: facts, since: timeline.at(-1)?.createdAt ?? report.receivedAt, today }),
        };
      }),
      total,
    };
  }

  /** One of the reporter's own reports, or REPORT_NOT_FOUND. */
  async find(session: ReporterSessionEntity, ref: string): Promise<ReportEntity> {
    const [owned, value] = ownerOf(session);
    const rows = await this.dataSource.query<{ id: number | string }[]>(`SELECT id FROM reports WHERE report_no = ? AND ${owned}`, [
      ref,
      value,
    ]);
    const report = rows[0] ? await this.dataSource.getRepository(ReportEntity).findOneBy({ id: Number(rows[0].id) }) : null;
    if (!report) throw new DomainError('REPORT_NOT_FOUND');
    return report;
  }

  async view(session: ReporterSessionEntity, ref: string): Promise<ReportStatusView> {
    return this.reports.view(await this.find(session, ref));
  }
}

/** What a phone proves: the reports filed in H5 with it. Not a WeChat account's, nor one staff registered from a letter, call or visit. */
const PHONE_OWNED = "channel = 'online' AND reporter_account_id IS NULL";

/** The condition a session's reports are found by, with one `?` for its value. */
function ownerOf(session: ReporterSessionEntity): [string, number | string] {
  if (session.accountId !== null) return ['reporter_account_id = ?', session.accountId];
  if (session.phoneHash !== null) return [`reporter_phone_hash = ? AND ${PHONE_OWNED}`, session.phoneHash];
  // A session is opened for one or the other; a row with neither owns nothing.
  throw new DomainError('REPORTER_SESSION_EXPIRED');
}

/** Rows by the key they belong to, each group in the rows' order. */
function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
