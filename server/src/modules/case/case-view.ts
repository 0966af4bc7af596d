import { Injectable } from '@nestjs/common';
import { type CaseDetail, type CaseSummary, type DueDate, isStaffDuty } from '@mashang/shared';
import { Clock } from '../../common/clock.js';
import { chinaDate } from '../calendar/china-date.js';
import { RegionRepository } from '../region/region.repository.js';
import type { ReportEventEntity } from './entities/report-event.entity.js';
import { dueDatesOf } from './report-view.js';
import type { ReportEntity } from './entities/report.entity.js';
import { StaffRepository } from '../staff/staff.repository.js';
import { CaseCitation } from './case-citation.js';
import type { ReportDeadlineEntity } from './entities/report-deadline.entity.js';

const DAY_MS = 86_400_000;

/** Maps cases to the shared shapes: names of villages, staff and actors, time left on each deadline. */
@Injectable()
export class CaseView {
  constructor(
    private readonly regions: RegionRepository,
    private readonly staff: StaffRepository,
    private readonly citations: CaseCitation,
    private readonly clock: Clock,
  ) {}

  private withDaysLeft(due: DueDate): DueDate & { daysLeft: number } {
    const today = Date.parse(`${chinaDate(this.clock.now())}T00:00:00Z`);
    return { ...due, daysLeft: Math.round((Date.parse(`${due.dueOn}T00:00:00Z`) - today) / DAY_MS) };
  }

  async summaries(reports: ReportEntity[], deadlines: ReportDeadlineEntity[]): Promise<CaseSummary[]> {
    const [villages, assignees] = await Promise.all([
      this.regions.findMany([...new Set(reports.map((r) => r.villageCode))]),
      this.staff.displayNames(reports.map((r) => r.assigneeId)),
    ]);
    const now = this.clock.now();
    return reports.map((r) => {
      const open = dueDatesOf(
        deadlines.filter((d) => d.reportId === r.id && !d.metAt && !d.cancelledAt && isStaffDuty(d.kind)),
        now,
      ).sort((a, b) => a.dueOn.localeCompare(b.dueOn));
      return {
        reportNo: r.reportNo,
        villageCode: r.villageCode,
        villageName: villages.find((v) => v.code === r.villageCode)?.name ?? '',
        category: r.category,
        track: r.track,
        mode: r.mode,
        status: r.status,
        receivedAt: r.receivedAt.toISOString(),
        nextDue: open[0] ? this.withDaysLeft(open[0]) : null,
        level: r.level,
        escalated: r.escalated === 1,
        assignee: r.assigneeId ? (assignees.get(r.assigneeId) ?? null) : null,
      };
    });
  }

  async detail(
    report: ReportEntity,
    deadlines: ReportDeadlineEntity[],
    events: ReportEventEntity[],
    actions: CaseDetail['actions'],
  ): Promise<CaseDetail> {
    const [[summary], citation] = await Promise.all([
      this.summaries([report], deadlines),
      this.citations.of(report.subject, report.villageCode, report.receivedAt),
    ]);
    const actors = await this.staff.displayNames(events.map((e) => (e.actor.startsWith('staff:') ? Number(e.actor.slice(6)) : null)));
    return {
      ...summary!,
      content: report.content,
      concerned: report.concerned,
      happenedAt: report.happenedAt,
      subject: report.subject,
      citation,
      channel: report.channel,
      deadlines: dueDatesOf(deadlines, this.clock.now()).map((d) => this.withDaysLeft(d)),
      timeline: events.map((e) => ({
        at: e.createdAt.toISOString(),
        type: e.type,
        actor: e.actor === 'reporter' ? '反映人' : e.actor === 'system' ? '系统' : (actors.get(Number(e.actor.slice(6))) ?? '工作人员'),
        publicText: e.publicText,
        internalText: e.internalText,
      })),
      rating: report.rating,
      ratingReasons: report.rating ? (report.ratingReasons ?? []) : [],
      extensionUsed: report.extensionUsed > 0,
      extensionRequestedDays: report.extensionRequestedDays,
      actions,
    };
  }
}
