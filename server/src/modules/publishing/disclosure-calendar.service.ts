import { Inject, Injectable } from '@nestjs/common';
import { type DisclosureCalendar, type DisclosureKind, type OverdueDisclosure, countyCodeOf, duePeriods, overdueOf } from '@mashang/shared';
import { DataSource, In, Like, MoreThanOrEqual } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { bumpContentVersions } from '../../common/content-versions/content-versions.js';
import { DomainError } from '../../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { chinaDate } from '../calendar/china-date.js';
import { RegionEntity } from '../region/region.entity.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import { CountyDisclosureCalendarEntity } from './county-disclosure-calendar.entity.js';
import { DisclosureEntity } from './disclosure.entity.js';

export interface OverdueVillage extends OverdueDisclosure {
  villageCode: string;
  villageName: string;
}

/** Which villages have not published a due period of 三务公开, by the calendar of their county. */
@Injectable()
export class DisclosureCalendarService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async calendarOf(countyCode: string): Promise<{ calendar: DisclosureCalendar; overridden: boolean }> {
    const own = await this.dataSource.getRepository(CountyDisclosureCalendarEntity).findOneBy({ countyCode });
    return own ? { calendar: own.calendar, overridden: true } : { calendar: this.config.disclosureCalendar, overridden: false };
  }

  /** The village's overdue periods on `today` (China date; the clock's by default). */
  async overdueOfVillage(villageCode: string, today?: string): Promise<OverdueDisclosure[]> {
    return (await this.overdueWithin(villageCode, today)).map(({ kind, period, dueOn }) => ({ kind, period, dueOn }));
  }

  /** Every overdue period of the villages under a region code (a county, a township or one village). */
  async overdueWithin(regionCode: string, today = chinaDate(this.clock.now())): Promise<OverdueVillage[]> {
    const { calendar } = await this.calendarOf(countyCodeOf(regionCode));
    const due = duePeriods(calendar, today);
    if (due.length === 0) return [];
    const [villages, published] = await Promise.all([
      this.dataSource
        .getRepository(RegionEntity)
        .find({ select: { code: true, name: true }, where: { code: Like(`${regionCode}%`), level: 'village' }, order: { code: 'ASC' } }),
      this.dataSource.getRepository(DisclosureEntity).find({
        select: { villageCode: true, kind: true, period: true },
        where: {
          villageCode: Like(`${regionCode}%`),
          status: 'published',
          kind: In(due.map((d) => d.kind)), // Periods are `YYYY…` strings: from the earliest due year on.
          period: MoreThanOrEqual(due.map((d) => d.period.slice(0, 4)).sort()[0]!),
        },
      }),
    ]);
    const byVillage = new Map<string, Array<{ kind: DisclosureKind; period: string }>>();
    for (const p of published) byVillage.set(p.villageCode, [...(byVillage.get(p.villageCode) ?? []), { kind: p.kind, period: p.period }]);
    return villages.flatMap((v) =>
      overdueOf(due, byVillage.get(v.code) ?? []).map((o) => ({ ...o, villageCode: v.code, villageName: v.name })),
    );
  }

  async set(account: StaffAccountEntity, calendar: DisclosureCalendar): Promise<{ calendar: DisclosureCalendar; overridden: boolean }> {
    // One county's calendar is that county's: only a county-level admin sets it.
    if (account.regionCode.length !== 6) throw new DomainError('FORBIDDEN');
    await this.dataSource.transaction(async (manager) => {
      await manager
        .getRepository(CountyDisclosureCalendarEntity)
        .save({ countyCode: account.regionCode, calendar, updatedBy: account.id, updatedAt: this.clock.now() });
      // Every village page of the county shows what is overdue by this calendar.
      await bumpContentVersions(manager, [account.regionCode]);
    });
    return { calendar, overridden: true };
  }
}
