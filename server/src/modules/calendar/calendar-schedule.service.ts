import { Injectable, Logger } from '@nestjs/common';
import type { CalendarSchedule, CalendarStatus } from '@mashang/shared';
import dayjs from 'dayjs';
import { DataSource, type Repository } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { DEADLINE_SETTINGS, bumpContentVersions } from '../../common/content-versions/content-versions.js';
import { DomainError } from '../../common/domain-error.js';
import { addCalendarDays, chinaDate } from './china-date.js';
import { CalendarYearEntity } from './calendar-year.entity.js';
import { WorkingCalendar } from './working-calendar.js';

/** How far ahead deadlines reach: 60 days of handling plus a 30-day extension, and some. */
const LOOKAHEAD_DAYS = 120;

/** Keeps the working calendar in step with the schedules admins enter, on every instance. */
@Injectable()
export class CalendarScheduleService {
  private readonly logger = new Logger('Calendar');
  private readonly years: Repository<CalendarYearEntity>;

  constructor(
    dataSource: DataSource,
    private readonly calendar: WorkingCalendar,
    private readonly clock: Clock,
  ) {
    this.years = dataSource.getRepository(CalendarYearEntity);
  }

  /** Runs after migrations (see createApp), so the table exists. */
  async refreshAndWarn(): Promise<void> {
    await this.refresh();
    for (const warning of this.status().warnings) this.logger.warn(warning);
  }

  /** Reloads the schedules; the sweep calls it so that other instances pick up an admin's change. */
  async refresh(): Promise<void> {
    const rows = await this.years.find();
    this.calendar.useSchedules(rows.map((r) => ({ year: r.year, holidays: r.holidays, workdays: r.workdays })));
  }

  status(): CalendarStatus {
    const today = chinaDate(this.clock.now());
    const first = dayjs(today).year();
    const last = dayjs(addCalendarDays(today, LOOKAHEAD_DAYS)).year();
    const years = [];
    for (let year = first; year <= Math.max(last, first + 1); year++) years.push({ year, source: this.calendar.sourceOf(year) });
    const warnings = years
      .filter((y) => y.source === 'missing' && y.year <= last)
      .map(
        (y) =>
          `${y.year}年的法定节假日安排尚未录入：跨入${y.year}年的期限只按周一至周五推算，并标为“预计”。国务院办公厅公布放假安排后，请及时录入。`,
      );
    return { years, warnings };
  }

  async setYear(year: number, schedule: CalendarSchedule, accountId: number): Promise<CalendarStatus> {
    const outside = [...schedule.holidays, ...schedule.workdays].filter((d) => !d.startsWith(`${year}-`));
    const notWeekend = schedule.workdays.filter((d) => ![0, 6].includes(dayjs(d).day()));
    if (outside.length || notWeekend.length) {
      throw new DomainError('VALIDATION_FAILED', [
        ...(outside.length ? [{ field: 'body', message: `这些日期不在${year}年：${outside.join('、')}` }] : []),
        ...(notWeekend.length ? [{ field: 'body.workdays', message: `调休上班日应是周六或周日：${notWeekend.join('、')}` }] : []),
      ]);
    }
    await this.years.save({
      year,
      holidays: [...new Set(schedule.holidays)].sort(),
      workdays: [...new Set(schedule.workdays)].sort(),
      updatedBy: accountId,
      updatedAt: this.clock.now(),
    });
    await bumpContentVersions(this.years.manager, [DEADLINE_SETTINGS]);
    await this.refresh();
    return this.status();
  }
}
