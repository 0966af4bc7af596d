import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DisclosureTable, VersionAction, VersionStatus } from '@mashang/shared';

/** One version of a disclosure: drafted, co-signed (or sent back), and once published never changed. */
@Entity('disclosure_versions')
export class DisclosureVersionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'disclosure_id', type: 'int' })
  disclosureId: number;

  @Column({ name: 'version_no', type: 'int' })
  versionNo: number;

  @Column({ type: 'varchar', length: 10 })
  action: VersionAction;

  @Column({ type: 'varchar', length: 10 })
  status: VersionStatus;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 20 })
  period: string;

  @Column({ type: 'text' })
  body: string;

  /** As it will be published: identity and phone columns already masked. */
  @Column({ name: 'table_data', type: 'simple-json', nullable: true })
  table: DisclosureTable | null;

  /** The full numbers of the identity columns, encrypted; never sent to any client. */
  @Column({ name: 'identity_data', type: 'text', nullable: true })
  identityData: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ name: 'drafted_by', type: 'int', nullable: true })
  draftedBy: number | null;

  @Column({ name: 'drafted_at', type: 'datetime' })
  draftedAt: Date;

  @Column({ name: 'submitted_at', type: 'datetime', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'reviewed_by', type: 'int', nullable: true })
  reviewedBy: number | null;

  @Column({ name: 'reviewed_at', type: 'datetime', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'review_comment', type: 'text', nullable: true })
  reviewComment: string | null;

  @Column({ name: 'published_at', type: 'datetime', nullable: true })
  publishedAt: Date | null;
}
