import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { DeadlineRules } from '@mashang/shared';

@Entity('county_deadline_rules')
export class CountyDeadlineRulesEntity {
  @PrimaryColumn({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  @Column({ type: 'simple-json' })
  rules: DeadlineRules;

  @Column({ name: 'updated_by', type: 'int' })
  updatedBy: number;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}
