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
    const end = addCalendarDays(start, rule.days);
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

  /** A due date moved later by `days` of the given unit, as an approved extension does. */
  extend(dueOn: string, days: number, unit: 'workday' | 'calendar'): WorkdayResult {
    return this.dueDate({ days, unit }, new Date(`${dueOn}T04:00:00Z`)); // noon in China on the old last day
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
