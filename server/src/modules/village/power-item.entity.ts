import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PowerCategory, ProcessChart } from '@mashang/shared';

@Entity('power_items')
export class PowerItemEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'village_code', type: 'varchar', length: 12 })
  villageCode: string;

  @Column({ type: 'varchar', length: 30 })
  category: PowerCategory;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  /** The law or policy the power rests on. */
  @Column({ type: 'text' })
  basis: string;

  @Column({ type: 'varchar', length: 100 })
  responsible: string;

  /** What must be made public, one entry per line item. */
  @Column({ type: 'simple-json' })
  publicity: string[];

  @Column({ type: 'simple-json' })
  chart: ProcessChart;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder: number;
}
