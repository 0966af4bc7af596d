import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StoredPowerItemContent } from '@mashang/shared';

export type PowerItemAction = 'adopted' | 'adjusted' | 'update_accepted' | 'update_declined';

/** A village copy as it stood after each change, with who made it: nothing is erased. Only ever inserted. */
@Entity('power_item_versions')
export class PowerItemVersionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'power_item_id', type: 'int' })
  powerItemId: number;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 20 })
  action: PowerItemAction;

  /** The template version the copy followed after this change. */
  @Column({ name: 'template_version', type: 'int', nullable: true })
  templateVersion: number | null;

  @Column({ type: 'simple-json' })
  content: StoredPowerItemContent;

  @Column({ name: 'account_id', type: 'int' })
  accountId: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
