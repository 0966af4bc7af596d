import { Injectable } from '@nestjs/common';
import chineseDays from 'chinese-days';
import dayjs from 'dayjs';
import { addCalendarDays } from './china-date.js';

export interface WorkdayResult {
  date: string;
  /** True when the count ran into a year whose official schedule we do not have yet. */
  provisional: boolean;
}

/**
 * China's working days, with holidays and make-up working days (调休), from the maintained
 * `chinese-days` data. Years it does not cover fall back to Monday–Friday and are marked provisional.
 */
@Injectable()
export class WorkingCalendar {
  private readonly knownYears = new Map<number, boolean>();

  /** Whether the official schedule of the year is known: every year has a Spring Festival holiday. */
  coversYear(year: number): boolean {
    let known = this.knownYears.get(year);
    if (known === undefined) {
      known = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-03-31`, false).length > 0;
      this.knownYears.set(year, known);
    }
    return known;
  }

  isWorkday(date: string): boolean {
    if (this.coversYear(dayjs(date).year())) return chineseDays.isWorkday(date);
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
    for (let found = 0; found < count; ) {
      date = addCalendarDays(date, 1);
      if (!this.coversYear(dayjs(date).year())) provisional = true;
      if (this.isWorkday(date)) found++;
    }
    return { date, provisional };
  }
}
