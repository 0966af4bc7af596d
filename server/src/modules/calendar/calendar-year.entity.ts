import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('calendar_years')
export class CalendarYearEntity {
  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'simple-json' })
  holidays: string[];

  @Column({ type: 'simple-json' })
  workdays: string[];

  @Column({ name: 'updated_by', type: 'int' })
  updatedBy: number;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}
