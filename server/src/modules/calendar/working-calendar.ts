import { Injectable } from '@nestjs/common';
import chineseDays from 'chinese-days';
import dayjs from 'dayjs';
import { addCalendarDays } from './china-date.js';

export interface WorkdayResult {
  date: string;
  /** True when the count ran into a year whose official schedule we do not have yet. */
  provisional: boolean;
}

/** A year's official schedule as the State Council publishes it: days off and make-up working days. */
export interface YearSchedule {
  year: number;
  /** Holidays on weekdays (周一至周五放假的日子). */
  holidays: string[];
  /** Weekend days that are worked (调休上班). */
  workdays: string[];
}

export type CalendarSource = 'package' | 'admin' | 'missing';

/**
 * China's working days, with holidays and make-up working days (调休): from the maintained
 * `chinese-days` data, overridden or extended by schedules an admin enters when the State Council
 * publishes a new year. Years neither covers fall back to Monday–Friday and are marked provisional.
 */
@Injectable()
export class WorkingCalendar {
  private readonly packageYears = new Map<number, boolean>();
  private schedules = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();

  /** Replaces the admin-entered schedules (loaded from the database at start and after each change). */
  useSchedules(schedules: YearSchedule[]): void {
    this.schedules = new Map(schedules.map((s) => [s.year, { holidays: new Set(s.holidays), workdays: new Set(s.workdays) }]));
  }

  sourceOf(year: number): CalendarSource {
    if (this.schedules.has(year)) return 'admin';
    return this.packageCovers(year) ? 'package' : 'missing';
  }

  coversYear(year: number): boolean {
    return this.sourceOf(year) !== 'missing';
  }

  isWorkday(date: string): boolean {
    const year = dayjs(date).year();
    const schedule = this.schedules.get(year);
    if (schedule) {
      if (schedule.workdays.has(date)) return true;
      if (schedule.holidays.has(date)) return false;
    } else if (this.packageCovers(year)) {
      return chineseDays.isWorkday(date);
    }
    const weekday = dayjs(date).day();
    return weekday >= 1 && weekday <= 5;
  }

  /** Working days after `from` up to and including `to`; 0 when `to` is not after `from`. */
  workdaysBetween(from: string, to: string): number {
    let count = 0;
    for (let date = addCalendarDays(from, 1); date <= to; date = addCalendarDays(date, 1)) if (this.isWorkday(date)) count++;
    return count;
  }

  /** The `count`-th working day after `from`; the day `from` itself is not counted. */
  addWorkdays(from: string, count: number): WorkdayResult {
    let date = from;
    let provisional = false;
    for (let found = 0; found < count;) {
      date = addCalendarDays(date, 1);
      if (!this.coversYear(dayjs(date).year())) provisional = true;
      if (this.isWorkday(date)) found++;
    }
    return { date, provisional };
  }

  /** Every year has a Spring Festival holiday, so a year without one is not in the package's data. */
  private packageCovers(year: number): boolean {
    let known = this.packageYears.get(year);
    if (known === undefined) {
      known = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-03-31`, false).length > 0;
      this.packageYears.set(year, known);
    }
    return known;
  }
}
