import { Injectable } from '@nestjs/common';
import {
  type Attachment,
  type AttachmentType,
  type CaseDetail,
  type CaseDue,
  type CaseSummary,
  type DueDate,
  isStaffDuty,
  type PhoneVerification,
  reportAttachmentName,
  type Supervision,
} from '@mashang/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { chinaDate } from '../calendar/china-date.js';
import { WorkingCalendar } from '../calendar/working-calendar.js';
import { DeadlineRulesService } from '../deadline/deadline-rules.service.js';
import type { CaseSupervisionEntity } from './entities/case-supervision.entity.js';
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
    private readonly rules: DeadlineRulesService,
    private readonly calendar: WorkingCalendar,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * The one count of time left that every staff page shows (case page, inbox, alerts): calendar days
   * to the last day, and the days left in the unit its rule counts in. A 督办's date is the county's own, in calendar days.
   */
  timeLeft(due: DueDate, report: Pick<ReportEntity, 'villageCode' | 'track'>): CaseDue {
    const today = chinaDate(this.clock.now());
    const daysLeft = Math.round((Date.parse(`${due.dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
    const unit =
      due.kind === 'supervision' ? 'calendar' : (this.rules.for(report.villageCode).rule(report.track, due.kind)?.unit ?? 'calendar');
    const left = daysLeft <= 0 ? 0 : unit === 'workday' ? this.calendar.workdaysBetween(today, due.dueOn) : daysLeft;
    return { ...due, daysLeft, unit, left };
  }

  async summaries(reports: ReportEntity[], deadlines: ReportDeadlineEntity[]): Promise<CaseSummary[]> {
    const [villages, assignees] = await Promise.all([
      this.regions.findMany([...new Set(reports.flatMap((r) => [r.villageCode, this.townshipOf(r)]))]),
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
        nextDue: open[0] ? this.timeLeft(open[0], r) : null,
        level: r.level,
        escalated: r.escalated === 1,
        assignee: r.assigneeId ? (assignees.get(r.assigneeId) ?? null) : null,
        townshipName: villages.find((v) => v.code === this.townshipOf(r))?.name ?? '',
        supervisionDue: ((d) => (d ? this.timeLeft(d, r) : null))(open.find((d) => d.kind === 'supervision')),
      };
    });
  }

  private townshipOf(report: ReportEntity): string {
    return report.handlingCode ?? report.villageCode.slice(0, 9);
  }

  /** 督办 and 催办 with the writers' names and each 督办's clock, from the same deadlines as the case's others. */
  async supervisions(report: ReportEntity, rows: CaseSupervisionEntity[], deadlines: ReportDeadlineEntity[]): Promise<Supervision[]> {
    const names = await this.staff.displayNames(rows.flatMap((s) => [s.createdBy, s.answeredBy]));
    return rows.map((s) => {
      // An answered 督办's clock is stopped when the case leaves the township; it still shows when it was due and met.
      const [due] = dueDatesOf(
        deadlines.filter((d) => d.id === s.deadlineId).map((d) => (s.answeredAt && d.metAt ? { ...d, cancelledAt: null } : d)),
        this.clock.now(),
      );
      return {
        id: s.id,
        kind: s.kind,
        text: s.text,
        by: `县纪委 ${names.get(s.createdBy) ?? ''}`.trim(),
        at: s.createdAt.toISOString(),
        due: due ? this.timeLeft(due, report) : null,
        answer:
          s.answerText && s.answeredAt
            ? { text: s.answerText, by: names.get(s.answeredBy ?? 0) ?? '乡镇纪委', at: s.answeredAt.toISOString() }
            : null,
        // Stopped unanswered: the case left the township or ended (the timeline says which).
        endedAt: ((clock) => (!s.answeredAt && clock?.cancelledAt ? clock.cancelledAt.toISOString() : null))(
          deadlines.find((d) => d.id === s.deadlineId),
        ),
      };
    });
  }

  /** How the reporter's phone was verified when filed (modules/reporter sets it), read by column so this module needs none of its code. */
  private async phoneVerificationOf(reportId: number): Promise<PhoneVerification | null> {
    const rows = await this.dataSource.query<{ verified: string | null }[]>(
      'SELECT reporter_phone_verified AS verified FROM reports WHERE id = ?',
      [reportId],
    );
    const verified = rows[0]?.verified;
    return verified === 'wechat' || verified === 'sms' ? verified : null;
  }

  async detail(
    report: ReportEntity,
    deadlines: ReportDeadlineEntity[],
    events: ReportEventEntity[],
    actions: CaseDetail['actions'],
    supervision: Pick<CaseDetail, 'supervisions' | 'supervisionActions'> = { supervisions: [], supervisionActions: [] },
    // The limited view (see `fullCaseView`) lists none of the reporter's files, nor the notices that went to the reporter,
    // nor how the reporter's phone was verified: a township that no longer handles the case has no need to know them.
    { limited }: { limited: boolean } = { limited: false },
  ): Promise<CaseDetail> {
    const ofReporter = !limited && report.mode === 'real_name';
    const [[summary], citation, attachments, reporterNotices, reporterPhoneVerified] = await Promise.all([
      this.summaries([report], deadlines),
      this.citations.of(report.subject, report.villageCode, report.receivedAt),
      limited ? [] : this.attachmentsOf(report.id),
      ofReporter ? this.noticesOf(report.id) : [],
      ofReporter ? this.phoneVerificationOf(report.id) : null,
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
      deadlines: dueDatesOf(deadlines, this.clock.now()).map((d) => this.timeLeft(d, report)),
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
      reporterPhoneVerified,
      reporterDataRemoved: report.mode === 'real_name' && report.reporterNameEnc === null,
      textCheck: report.textCheckSuggest ? { suggest: report.textCheckSuggest, label: report.textCheckLabel ?? 21000 } : null,
      actions,
      ...supervision,
      attachments,
      reporterNotices,
    };
  }

  /** The progress notices sent to the reporter (modules/notification's outbox), read by table like the attachments. */
  private async noticesOf(reportId: number): Promise<CaseDetail['reporterNotices']> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select(['j.payload AS payload', 'j.channel AS channel', 'j.done_at AS done_at'])
      .from('outbox_jobs', 'j')
      .where("j.report_id = :reportId AND j.kind = 'progress' AND j.status = 'sent'", { reportId })
      .orderBy('j.id', 'ASC')
      .getRawMany<{ payload: string; channel: string | null; done_at: Date | string }>();
    return rows.map((r) => ({
      channel: r.channel === 'wechat' ? 'wechat' : 'sms',
      phrase: (JSON.parse(r.payload) as { phrase?: string }).phrase ?? '',
      sentOn: chinaDate(new Date(r.done_at instanceof Date ? r.done_at : `${r.done_at.replace(' ', 'T')}Z`)),
    }));
  }

  /** The reporter's photos and files (modules/report-attachment keeps them), read by table so this module needs none of its code. */
  private async attachmentsOf(reportId: number): Promise<Attachment[]> {
    const rows = await this.dataSource
      .createQueryBuilder()
      .select(['a.id AS id', 'a.content_type AS content_type', 'a.byte_size AS byte_size'])
      .from('report_attachments', 'a')
      .where('a.report_id = :reportId', { reportId })
      .orderBy('a.id', 'ASC')
      .getRawMany<{ id: number | string; content_type: AttachmentType; byte_size: number | string }>();
    return rows.map((r, i) => ({
      id: Number(r.id),
      name: reportAttachmentName(r.content_type, i),
      type: r.content_type,
      size: Number(r.byte_size),
    }));
  }
}
