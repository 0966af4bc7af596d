import { Inject, Injectable } from '@nestjs/common';
import type { DeadlineRules } from '@mashang/shared';
import { DataSource, type Repository } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { WorkingCalendar } from '../calendar/working-calendar.js';
import { CountyDeadlineRulesEntity } from './county-deadline-rules.entity.js';
import { DeadlineCalculator } from './deadline-calculator.js';
import { longerThanStatutory, reporterRightsTaken } from './deadline-rules.js';

/**
 * The deadline rules in force for a village: its county's own version where an admin set one,
 * otherwise the shipped file. Kept in memory and refreshed by the sweep, so every instance agrees.
 */
@Injectable()
export class DeadlineRulesService {
  private readonly defaults: DeadlineCalculator;
  private byCounty = new Map<string, DeadlineCalculator>();
  private readonly rows: Repository<CountyDeadlineRulesEntity>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly calendar: WorkingCalendar,
    private readonly clock: Clock,
    dataSource: DataSource,
  ) {
    this.defaults = new DeadlineCalculator(config.deadlineRules, calendar);
    this.rows = dataSource.getRepository(CountyDeadlineRulesEntity);
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
    await this.refresh();
    return this.view(countyCode);
  }

  async reset(countyCode: string) {
    await this.rows.delete({ countyCode });
    await this.refresh();
    return this.view(countyCode);
  }
}
