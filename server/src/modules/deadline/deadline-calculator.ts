import type { DueDateKind, ReportMode } from '@mashang/shared';
import { addCalendarDays, chinaDate } from '../calendar/china-date.js';
import type { WorkdayResult, WorkingCalendar } from '../calendar/working-calendar.js';
import type { DeadlineRule, DeadlineRules, DeadlineStart, RegimeName } from './deadline-rules.js';

export interface ComputedDeadline extends WorkdayResult {
  kind: DueDateKind;
}

/**
 * Turns deadline rules into dates. The day the clock starts is not counted; a working-day period
 * counts China's official working days; a calendar-day period ending on a day off moves to the
 * next working day when the rules say so.
 */
export class DeadlineCalculator {
  constructor(
    readonly rules: DeadlineRules,
    private readonly calendar: WorkingCalendar,
  ) {}

  dueDate(rule: Pick<DeadlineRule, 'days' | 'unit'>, startedAt: Date): WorkdayResult {
    const start = chinaDate(startedAt);
    if (rule.unit === 'workday') return this.calendar.addWorkdays(start, rule.days);
    return this.movedOffDayOff(addCalendarDays(start, rule.days));
  }

  /**
   * The last day of a period lengthened by an approved extension. The extension counts on from the
   * period's own, unmoved end, and a move off a day off happens once, at the very end: a petition
   * accepted on 3 Aug 2026 with 60 + 30 calendar days ends Sun 1 Nov, so Mon 2 Nov.
   */
  extendedDueDate(
    rule: Pick<DeadlineRule, 'days' | 'unit'>,
    startedAt: Date,
    extension: { days: number; unit: 'workday' | 'calendar' },
  ): WorkdayResult {
    if (extension.days <= 0) return this.dueDate(rule, startedAt);
    const start = chinaDate(startedAt);
    const end =
      rule.unit === 'workday'
        ? this.calendar.addWorkdays(start, rule.days)
        : { date: addCalendarDays(start, rule.days), provisional: false };
    if (extension.unit === 'workday') {
      const extended = this.calendar.addWorkdays(end.date, extension.days);
      return { date: extended.date, provisional: end.provisional || extended.provisional };
    }
    const moved = this.movedOffDayOff(addCalendarDays(end.date, extension.days));
    return { date: moved.date, provisional: end.provisional || moved.provisional };
  }

  /** A calendar-day period ending on a day off ends on the next working day, when the rules say so. */
  private movedOffDayOff(end: string): WorkdayResult {
    const provisional = !this.calendar.coversYear(Number(end.slice(0, 4)));
    if (!this.rules.calendarPeriodEndingOnHolidayMovesToNextWorkday || this.calendar.isWorkday(end)) return { date: end, provisional };
    const next = this.calendar.addWorkdays(end, 1);
    return { date: next.date, provisional: provisional || next.provisional };
  }

  /** The deadlines of a regime whose clocks an event starts, for a report of this mode. */
  startedBy(event: DeadlineStart, regime: RegimeName, mode: ReportMode, at: Date): ComputedDeadline[] {
    return (Object.entries(this.rules.regimes[regime].deadlines) as [DueDateKind, DeadlineRule][])
      .filter(([, rule]) => rule.automatic && rule.from === event && this.appliesTo(rule, mode))
      .map(([kind, rule]) => ({ kind, ...this.dueDate(rule, at) }));
  }

  rule(regime: RegimeName, kind: DueDateKind): DeadlineRule | undefined {
    return this.rules.regimes[regime].deadlines[kind];
  }

  extensionOf(regime: RegimeName): DeadlineRules['regimes'][RegimeName]['extension'] {
    return this.rules.regimes[regime].extension;
  }

  get reminderPolicy(): DeadlineRules['reminders'] {
    return this.rules.reminders;
  }

  get escalationPolicy(): DeadlineRules['escalation'] {
    return this.rules.escalation;
  }

  appliesTo(rule: DeadlineRule, mode: ReportMode): boolean {
    return rule.appliesTo === 'all' || mode === 'real_name' || this.rules.anonymousFollowsRealNameClock;
  }
}
