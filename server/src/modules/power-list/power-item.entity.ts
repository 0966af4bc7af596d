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

  /** The county template this copy was adopted from; null for an item the village has on its own. */
  @Column({ name: 'template_id', type: 'int', nullable: true })
  templateId: number | null;

  /** The template version the copy follows: adopted, accepted, or seen and turned down. */
  @Column({ name: 'template_version', type: 'int', nullable: true })
  templateVersion: number | null;

  /** 1 when the copy differs from the template version it follows. */
  @Column({ type: 'int', default: 0 })
  adjusted: number;

  /** Every change adds one; a save names the version it was edited from. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @Column({ name: 'updated_at', type: 'datetime', nullable: true })
  updatedAt: Date | null;
}
