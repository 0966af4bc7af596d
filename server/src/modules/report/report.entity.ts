import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ReportCategory, ReportMode, ReportStatus, ReportSubject } from '@mashang/shared';

@Entity('reports')
export class ReportEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The number shown to the reporter and staff; carries no order or volume. */
  @Column({ name: 'report_no', type: 'varchar', length: 16, unique: true })
  reportNo: string;

  @Column({ name: 'village_code', type: 'varchar', length: 12 })
  villageCode: string;

  @Column({ type: 'varchar', length: 30 })
  category: ReportCategory;

  @Column({ type: 'text' })
  content: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  concerned: string | null;

  @Column({ name: 'happened_at', type: 'varchar', length: 50, nullable: true })
  happenedAt: string | null;

  @Column({ type: 'simple-json', nullable: true })
  subject: ReportSubject | null;

  @Column({ type: 'varchar', length: 10 })
  mode: ReportMode;

  /** AES-256-GCM ciphertext; null for anonymous reports. */
  @Column({ name: 'reporter_name_enc', type: 'varchar', length: 255, nullable: true })
  reporterNameEnc: string | null;

  @Column({ name: 'reporter_phone_enc', type: 'varchar', length: 255, nullable: true })
  reporterPhoneEnc: string | null;

  /** HMAC of the query code; the code itself is never stored. */
  @Column({ name: 'query_code_hash', type: 'varchar', length: 64, unique: true })
  queryCodeHash: string;

  @Column({ name: 'idempotency_key_hash', type: 'varchar', length: 64, unique: true })
  idempotencyKeyHash: string;

  /** HMAC of the submitted content, to tell a genuine retry from a reused key. */
  @Column({ name: 'request_fingerprint', type: 'varchar', length: 64 })
  requestFingerprint: string;

  @Column({ type: 'varchar', length: 20 })
  status: ReportStatus;

  @Column({ name: 'received_at', type: 'datetime' })
  receivedAt: Date;

  /** China date `YYYY-MM-DD`: the last day to tell the reporter whether it is accepted. */
  @Column({ name: 'acceptance_due_on', type: 'varchar', length: 10 })
  acceptanceDueOn: string;

  @Column({ name: 'acceptance_due_provisional', type: 'int', default: 0 })
  acceptanceDueProvisional: number;

  @Column({ name: 'answered_at', type: 'datetime', nullable: true })
  answeredAt: Date | null;
}
