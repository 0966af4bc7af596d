import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StoredPowerItemContent } from '@mashang/shared';

/** One saved version of a template: never changed, so a village can see what changed since its copy. */
@Entity('power_template_versions')
export class PowerTemplateVersionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'template_id', type: 'int' })
  templateId: number;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'simple-json' })
  content: StoredPowerItemContent;

  @Column({ name: 'account_id', type: 'int' })
  accountId: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
