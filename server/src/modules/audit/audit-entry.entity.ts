import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: there is no code path that updates or deletes an entry. */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The account that acted. */
  @Column({ name: 'account_id', type: 'int' })
  accountId: number;

  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ name: 'report_id', type: 'int', nullable: true })
  reportId: number | null;

  /** The account acted on (created, disabled, reset…). */
  @Column({ name: 'target_account_id', type: 'int', nullable: true })
  targetAccountId: number | null;

  /** 1 for an identity reveal by an account created or given a new password within 24 hours. */
  @Column({ type: 'int', default: 0 })
  flagged: number;

  /** JSON: what changed, `[{ field, from, to }]`, values already in words. */
  @Column({ type: 'text', nullable: true })
  details: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
