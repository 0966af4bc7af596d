import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DisclosureKind, DisclosureStatus, DisclosureTable, DisclosureType } from '@mashang/shared';

@Entity('disclosures')
export class DisclosureEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'village_code', type: 'varchar', length: 12 })
  villageCode: string;

  @Column({ type: 'varchar', length: 10 })
  kind: DisclosureKind;

  @Column({ type: 'varchar', length: 30 })
  type: DisclosureType;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 20 })
  period: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'table_data', type: 'simple-json', nullable: true })
  table: DisclosureTable | null;

  /** When the current version was published; for a disclosure never published, when it was started. */
  @Column({ name: 'published_at', type: 'datetime' })
  publishedAt: Date;

  @Column({ type: 'varchar', length: 12, default: 'published' })
  status: DisclosureStatus;

  /** The published version the columns above hold. */
  @Column({ name: 'version_no', type: 'int', default: 1 })
  versionNo: number;

  @Column({ type: 'int', default: 0 })
  corrected: number;

  /** The version being drafted or awaiting co-signature; at most one at a time. */
  @Column({ name: 'open_version_id', type: 'int', nullable: true })
  openVersionId: number | null;

  @Column({ name: 'withdrawn_reason', type: 'text', nullable: true })
  withdrawnReason: string | null;

  @Column({ name: 'withdrawn_at', type: 'datetime', nullable: true })
  withdrawnAt: Date | null;

  /** What the township or county required to be corrected, until a correction is published. */
  @Column({ name: 'correction_required', type: 'text', nullable: true })
  correctionRequired: string | null;

  @Column({ name: 'updated_at', type: 'datetime', nullable: true })
  updatedAt: Date | null;
}
