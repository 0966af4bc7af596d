import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DisclosureCalendar } from '@mashang/shared';

@Entity('county_disclosure_calendars')
export class CountyDisclosureCalendarEntity {
  @PrimaryColumn({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  @Column({ type: 'simple-json' })
  calendar: DisclosureCalendar;

  @Column({ name: 'updated_by', type: 'int' })
  updatedBy: number;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}
