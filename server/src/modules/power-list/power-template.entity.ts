import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PowerCategory } from '@mashang/shared';

/**
 * A county's power-item template. Its content lives in its versions (`power_template_versions`);
 * `version` is the latest, and the category and title are copied here for listing.
 */
@Entity('power_templates')
export class PowerTemplateEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  @Column({ type: 'varchar', length: 30 })
  category: PowerCategory;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'sort_order', type: 'int', default: 0 })
  sortOrder: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'datetime' })
  updatedAt: Date;
}
