import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { DUE_DATE_KINDS, isSatisfiedRating } from '@mashang/shared';
import { Clock } from '../../common/clock.js';
import { every, type StopLoop } from '../../common/every.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { addCalendarDays, chinaDate } from '../calendar/china-date.js';
import { CalendarScheduleService } from '../calendar/calendar-schedule.service.js';
import { WorkingCalendar } from '../calendar/working-calendar.js';
import { DeadlineRulesService } from '../deadline/deadline-rules.service.js';
import type { AlertKind } from './entities/case-alert.entity.js';
import { CaseRepository } from './case.repository.js';
import { DomainError } from '../../common/domain-error.js';
import { ReportRepository } from './report.repository.js';
import { answerFacts } from './workflow/contest.js';
import { CaseWorkflow } from './workflow/case-workflow.js';
import { countyOf, handlingTownshipOf } from './jurisdiction.js';
import type { ReportDeadlineEntity } from './entities/report-deadline.entity.js';

export interface SweepResult {
  /** Provisional dates recomputed now that their year's holiday schedule is known. */
  settled: number;
  dueSoon: number;
  overdue: number;
  escalated: number;
  /** Answered cases filed away: unrated when the period to rate ended, or 不满意 and not taken further in time. */
  closed: number;
}

/**
 * Raises reminders before a deadline, an overdue flag when it passes, and an escalation to the
 * county when it stays overdue. Each is a row with a unique (deadline, kind): however many
 * instances sweep at once, exactly one inserts it, and only that one acts on it.
 */
@Injectable()
export class DeadlineSweep implements BeforeApplicationShutdown {
  private readonly logger = new Logger('DeadlineSweep');
  private stop: StopLoop = () => Promise.resolve();

  constructor(
    private readonly cases: CaseRepository,
    private readonly reports: ReportRepository,
    private readonly workflow: CaseWorkflow,
    private readonly rules: DeadlineRulesService,
    private readonly calendar: WorkingCalendar,
    private readonly schedules: CalendarScheduleService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Called once the database is migrated: a timer started earlier would sweep tables not made yet. */
  startSweeping(): void {
    this.stop = every(this.config.sweepIntervalSeconds, () => this.run(), this.logger);
  }

  /** A run in progress ends before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  async run(): Promise<SweepResult> {
    // Another instance may have taken an admin's new holiday schedule or county rules.
    await Promise.all([this.schedules.refresh(), this.rules.refresh()]);
    const now = this.clock.now();
    const today = chinaDate(now);
    const result: SweepResult = { settled: await this.settleProvisional(now), dueSoon: 0, overdue: 0, escalated: 0, closed: 0 };
    const { remindUntil, escalateUpTo } = this.window(today);

    for (const deadline of await this.cases.dueForAlerts(today, remindUntil, escalateUpTo)) {
      const { villageCode } = deadline;
      // Reminders and overdue flags go to the level handling the case; escalations to the county.
      const handlingRegion = deadline.level === 'county' ? countyOf(villageCode) : handlingTownshipOf(deadline);
      const { reminderPolicy: reminders, escalationPolicy: escalation } = this.rules.for(villageCode);
      if (today <= deadline.dueOn) {
        if (
          this.daysBetween(today, deadline.dueOn, reminders.unit) <= reminders.before &&
          (await this.raise(deadline, 'due_soon', handlingRegion, now))
        ) {
          result.dueSoon++;
        }
        continue;
      }
      if (await this.raise(deadline, 'overdue', handlingRegion, now, { missedDeadline: 1 })) result.overdue++;
      const overdueFor = this.daysBetween(deadline.dueOn, today, escalation.unit);
      const note = `「${DUE_DATE_KINDS[deadline.kind]}」期限（${deadline.dueOn}）逾期${overdueFor}天，已提交县纪委督办`;
      if (
        overdueFor >= escalation.afterOverdue &&
        (await this.raise(deadline, 'escalated', countyOf(villageCode), now, { escalated: 1 }, note))
      ) {
        result.escalated++;
      }
    }
    result.closed = await this.closeLapsed(today);
    return result;
  }

  /**
   * How far the sweep must look under any county's rules: the last day a reminder may be due today,
   * and the last due date that may be escalated today. Each deadline is then checked by its own county's rules.
   */
  private window(today: string): { remindUntil: string; escalateUpTo: string } {
    // The widest window over every county's rules: start from the narrowest possible and widen.
    let remindUntil = today;
    let escalateUpTo = '';
    for (const { reminderPolicy: reminders, escalationPolicy: escalation } of this.rules.inForce()) {
      let day = today;
      while (this.daysBetween(today, addCalendarDays(day, 1), reminders.unit) <= reminders.before) day = addCalendarDays(day, 1);
      if (day > remindUntil) remindUntil = day;
      day = addCalendarDays(today, -1);
      while (this.daysBetween(day, today, escalation.unit) < escalation.afterOverdue) day = addCalendarDays(day, -1);
      if (day > escalateUpTo) escalateUpTo = day;
    }
    return { remindUntil, escalateUpTo };
  }

  /**
   * Files away answered cases whose reporter let the period to rate end unrated, or rated 不满意 and
   * did not ask for the next step in time (or the next step is decided outside this system), each with an event on the timeline.
   * Only replies older than the shortest such period under any rules are looked at. Two sweeps at once:
   * the workflow's version check lets one of them do it.
   */
  private async closeLapsed(today: string): Promise<number> {
    let closed = 0;
    for (const report of await this.cases.answeredUnsettledBefore(addCalendarDays(today, 1 - this.shortestPeriodAfterReply()))) {
      const [events, deadlines] = await Promise.all([this.reports.eventsOf(report.id), this.reports.deadlinesOf(report.id)]);
      const facts = answerFacts(report, events, deadlines, this.rules.for(report.villageCode), today);
      const unrated = report.rating === null && facts.ratingEnded;
      // A 不满意 whose next step is decided outside this system is filed away here once its period ends too.
      const notTaken = !!report.rating && !isSatisfiedRating(report.rating) && facts.reviewEnded;
      if (!unrated && !notTaken) continue;
      const { next } = facts;
      try {
        await this.workflow.apply(report, {
          action: 'close',
          actor: 'system',
          publicText: unrated
            ? '评价期限已过，本件已办结归档'
            : next.kind === 'in_system'
              ? `申请${next.step}的期限已过，本件已办结归档`
              : `本件在本系统内已办结归档${next.text ? `。如仍不满意，${next.text}` : ''}`,
          internalText: unrated
            ? `反映人在评价期限（${facts.ratingDue}）内未评价，系统自动归档`
            : next.kind === 'in_system'
              ? `反映人在期限（${facts.reviewDue}）内未申请下一步，系统自动归档`
              : `反映人不满意，下一步不在本系统办理，期限（${facts.reviewDue}）届满后系统自动归档`,
        });
        closed++;
      } catch (error) {
        // Only when two sweeps reach the same case at once: the version check lets one close it.
        if (!(error instanceof DomainError)) throw error;
      }
    }
    return closed;
  }

  /** The fewest calendar days after a reply before its period to rate or to ask for review can end, under any rules. */
  private shortestPeriodAfterReply(): number {
    const days = this.rules
      .inForce()
      .flatMap((rules) =>
        Object.values(rules.rules.regimes).flatMap((regime) => [regime.rating.days, regime.deadlines.review_request?.days ?? Infinity]),
      );
    // A working day is never shorter than a calendar day, so calendar days bound both units from below.
    return Math.min(...days);
  }

  /**
   * Dates counted into a year whose schedule was missing are recomputed once an admin enters it.
   * Deterministic, so two instances doing it at once write the same date. A deadline an approved
   * extension moved is counted with the days granted, from the period's unmoved end.
   */
  private async settleProvisional(now: Date): Promise<number> {
    let settled = 0;
    const deadlines = await this.cases.openProvisionalDeadlines();
    const reports = new Map((await this.cases.findReports([...new Set(deadlines.map((d) => d.reportId))])).map((r) => [r.id, r]));
    for (const deadline of deadlines) {
      const report = reports.get(deadline.reportId);
      if (!report) continue;
      const rules = this.rules.for(report.villageCode);
      const rule = rules.rule(report.track, deadline.kind);
      if (!rule) continue;
      const extension = rules.extensionOf(report.track);
      const due =
        extension?.deadline === deadline.kind && report.extensionDays > 0
          ? rules.extendedDueDate(rule, deadline.startedAt, { days: report.extensionDays, unit: extension.unit })
          : rules.dueDate(rule, deadline.startedAt);
      if (due.provisional) continue;
      if (await this.cases.settleDeadline(deadline, due.date, now)) settled++;
    }
    return settled;
  }

  private daysBetween(from: string, to: string, unit: 'workday' | 'calendar'): number {
    if (unit === 'workday') return this.calendar.workdaysBetween(from, to);
    return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
  }

  /** True for the one sweep that raised the alert (and applied its flags and note); false for the others. */
  private raise(
    deadline: Pick<ReportDeadlineEntity, 'id' | 'reportId' | 'dueOn'>,
    kind: AlertKind,
    regionCode: string,
    at: Date,
    flags: Parameters<CaseRepository['raiseAlert']>[1] = {},
    note: string | null = null,
  ): Promise<boolean> {
    return this.cases.raiseAlert(
      { reportId: deadline.reportId, deadlineId: deadline.id, kind, dueOn: deadline.dueOn, regionCode, createdAt: at },
      flags,
      note,
    );
  }
}
