import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Codes and dates only: never report content, names or phone numbers. */
export type JobPayload = Record<string, string | number | boolean | null>;

export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/**
 * Work to do outside a request (a notice to send, a text to check), written in the transaction of
 * the step that calls for it and done later by the outbox worker of whichever instance claims it.
 * The payload never holds report content or personal data: handlers read what they need at run time.
 */
@Entity('outbox_jobs')
export class OutboxJobEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** The handler that does it (`progress`, `text_check`…). */
  @Column({ type: 'varchar', length: 32 })
  kind: string;

  @Column({ name: 'report_id', type: 'int', nullable: true })
  reportId: number | null;

  @Column({ type: 'simple-json' })
  payload: JobPayload;

  @Column({ type: 'varchar', length: 10 })
  status: OutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'datetime' })
  nextAttemptAt: Date;

  /** The instance working on it, until `claimedUntil`; another may take it over after that. */
  @Column({ name: 'claimed_by', type: 'varchar', length: 64, nullable: true })
  claimedBy: string | null;

  @Column({ name: 'claimed_until', type: 'datetime', nullable: true })
  claimedUntil: Date | null;

  /** Why the last attempt failed, or why it was given up or skipped: codes, never content. */
  @Column({ name: 'last_error', type: 'varchar', length: 255, nullable: true })
  lastError: string | null;

  /** How it went out (`wechat`, `sms`), for the staff's case page. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  channel: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'done_at', type: 'datetime', nullable: true })
  doneAt: Date | null;
}
