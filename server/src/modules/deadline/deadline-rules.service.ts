import { Inject, Injectable } from '@nestjs/common';
import type { DeadlineRules } from '@mashang/shared';
import { DataSource, type Repository } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { ContentVersionReader, DEADLINE_SETTINGS, bumpContentVersions } from '../../common/content-versions/content-versions.js';
import { DomainError } from '../../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { CalendarScheduleService } from '../calendar/calendar-schedule.service.js';
import { WorkingCalendar } from '../calendar/working-calendar.js';
import { CountyDeadlineRulesEntity } from './county-deadline-rules.entity.js';
import { DeadlineCalculator } from './deadline-calculator.js';
import { longerThanStatutory, reporterRightsTaken } from './deadline-rules.js';

/**
 * The deadline rules in force for a village: its county's own version where an admin set one,
 * otherwise the shipped file. Kept in memory; every change bumps a version in the database that each
 * instance checks before a request that computes dates (`ensureFresh`), so an admin's change made
 * through one instance holds on all of them from the next request on.
 */
@Injectable()
export class DeadlineRulesService {
  private readonly defaults: DeadlineCalculator;
  private byCounty = new Map<string, DeadlineCalculator>();
  private readonly rows: Repository<CountyDeadlineRulesEntity>;
  private readonly versions: ContentVersionReader;
  /** The settings version the rules and the holiday calendar in memory were loaded at, and a load under way. */
  private loaded: { version: number; done: Promise<void> } | null = null;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly calendar: WorkingCalendar,
    private readonly schedules: CalendarScheduleService,
    private readonly clock: Clock,
    dataSource: DataSource,
  ) {
    this.defaults = new DeadlineCalculator(config.deadlineRules, calendar);
    this.rows = dataSource.getRepository(CountyDeadlineRulesEntity);
    this.versions = new ContentVersionReader(dataSource);
  }

  /**
   * Reloads the county rules and the holiday calendar when an admin changed them through any instance
   * since they were loaded: one shared primary-key read per database round trip, a reload only on change.
   */
  async ensureFresh(): Promise<void> {
    const version = (await this.versions.versionsOf([DEADLINE_SETTINGS])).get(DEADLINE_SETTINGS) ?? 0;
    if (this.loaded?.version !== version) {
      this.loaded = { version, done: Promise.all([this.schedules.refresh(), this.refresh()]).then(() => undefined) };
      // A failed load is tried again by the next request.
      this.loaded.done.catch(() => (this.loaded = null));
    }
    await this.loaded.done;
  }

  /** The calculator for a village, township or county code. */
  for(regionCode: string): DeadlineCalculator {
    return this.byCounty.get(regionCode.slice(0, 6)) ?? this.defaults;
  }

  /** Every set of rules in force: the shipped file's and each county's own. */
  inForce(): DeadlineCalculator[] {
    return [this.defaults, ...this.byCounty.values()];
  }

  async refresh(): Promise<void> {
    const rows = await this.rows.find();
    this.byCounty = new Map(rows.map((r) => [r.countyCode, new DeadlineCalculator(r.rules, this.calendar)]));
  }

  view(countyCode: string): { countyCode: string; overridden: boolean; rules: DeadlineRules; statutory: DeadlineRules } {
    return { countyCode, overridden: this.byCounty.has(countyCode), rules: this.for(countyCode).rules, statutory: this.defaults.rules };
  }

  /** Sets a county's own rules, which may shorten the staff's statutory periods but never lengthen them, nor cut the reporter's. */
  async set(countyCode: string, rules: DeadlineRules, accountId: number) {
    const problems = longerThanStatutory(rules, this.defaults.rules);
    if (problems.length) throw new DomainError('DEADLINE_LONGER_THAN_STATUTORY', problems);
    const taken = reporterRightsTaken(rules, this.defaults.rules);
    if (taken.length) throw new DomainError('REPORTER_RIGHTS_REDUCED', taken);
    await this.rows.save({ countyCode, rules, updatedBy: accountId, updatedAt: this.clock.now() });
    await bumpContentVersions(this.rows.manager, [DEADLINE_SETTINGS]);
    await this.refresh();
    return this.view(countyCode);
  }

  async reset(countyCode: string) {
    await this.rows.delete({ countyCode });
    await bumpContentVersions(this.rows.manager, [DEADLINE_SETTINGS]);
    await this.refresh();
    return this.view(countyCode);
  }
}
