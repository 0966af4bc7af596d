import { Column, Entity, PrimaryGeneratedColumn, type ValueTransformer } from 'typeorm';
import type {
  Rating,
  RatingReason,
  ReportCategory,
  ReportChannel,
  ReportMode,
  ReportStatus,
  ReportSubject,
  ReportTrack,
} from '@mashang/shared';

/** Rating reasons as a short list of codes; no reasons are stored as null. */
const RATING_REASONS_COLUMN: ValueTransformer = {
  to: (reasons: RatingReason[] | null | undefined) => (reasons === undefined ? undefined : reasons?.length ? reasons.join(',') : null),
  from: (stored: string | null) => (stored ? (stored.split(',') as RatingReason[]) : null),
};

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

  /** When the first reply went out. */
  @Column({ name: 'answered_at', type: 'datetime', nullable: true })
  answeredAt: Date | null;

  /** 检举控告 (working-day rules) or 问题反映 (calendar-day rules). */
  @Column({ type: 'varchar', length: 20, default: 'accusation' })
  track: ReportTrack;

  @Column({ type: 'varchar', length: 10, default: 'online' })
  channel: ReportChannel;

  /** The township whose case it is: its own village's, or the one it was transferred to. */
  @Column({ name: 'handling_code', type: 'varchar', length: 12, nullable: true })
  handlingCode: string | null;

  /** Who handles it now: the township, or the county after it was sent up. */
  @Column({ type: 'varchar', length: 10, default: 'township' })
  level: 'township' | 'county';

  @Column({ name: 'assignee_id', type: 'int', nullable: true })
  assigneeId: number | null;

  @Column({ type: 'int', default: 0 })
  escalated: number;

  @Column({ name: 'extension_used', type: 'int', default: 0 })
  extensionUsed: number;

  /** An extension the handler asked for, awaiting the county's approval. */
  @Column({ name: 'extension_requested_days', type: 'int', nullable: true })
  extensionRequestedDays: number | null;

  /** The account that asked for the pending extension: another account decides on it. */
  @Column({ name: 'extension_requested_by', type: 'int', nullable: true })
  extensionRequestedBy: number | null;

  /** Days granted by approved extensions, counted on from the unmoved end of the period. */
  @Column({ name: 'extension_days', type: 'int', default: 0 })
  extensionDays: number;

  /** Set once any deadline of the case passed unmet; the record counts it as not on time. */
  @Column({ name: 'missed_deadline', type: 'int', default: 0 })
  missedDeadline: number;

  /** 1 when the acceptance was decided (受理, 不予受理, 转办) on or before its last day, 0 when late; null while undecided. */
  @Column({ name: 'accepted_on_time', type: 'int', nullable: true })
  acceptedOnTime: number | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  rating: Rating | null;

  /** Why the reporter was not satisfied (codes, comma-separated); null with a satisfied rating or none. */
  @Column({ name: 'rating_reasons', type: 'varchar', length: 100, nullable: true, transformer: RATING_REASONS_COLUMN })
  ratingReasons: RatingReason[] | null;

  /** How the rating came: the reporter by query code, or a county callback (回访). */
  @Column({ name: 'rated_by', type: 'varchar', length: 10, nullable: true })
  ratedBy: 'reporter' | 'callback' | null;

  /** The county account that recorded a callback's rating. */
  @Column({ name: 'rated_by_account', type: 'int', nullable: true })
  ratedByAccount: number | null;

  /** For a report marked 重复: the earlier report handled instead. */
  @Column({ name: 'duplicate_of_id', type: 'int', nullable: true })
  duplicateOfId: number | null;

  /** The nearest open staff deadline, kept with every step that moves a clock: the inbox's urgency order. */
  @Column({ name: 'next_due_on', type: 'varchar', length: 10, nullable: true })
  nextDueOn: string | null;

  /** A 督办 went to the township handling the case now (its clock not stopped): kept with `nextDueOn`, for 待办. */
  @Column({ name: 'supervised_here', type: 'int', default: 0 })
  supervisedHere: number;

  /** The date the open 督办 must be answered by, null when none is open: kept with `nextDueOn`, for 待办. */
  @Column({ name: 'supervision_due_on', type: 'varchar', length: 10, nullable: true })
  supervisionDueOn: string | null;

  /** WeChat's text check of a real-name mini-program report (pass, review, risky); null when not checked. For staff only. */
  @Column({ name: 'text_check_suggest', type: 'varchar', length: 10, nullable: true })
  textCheckSuggest: 'pass' | 'review' | 'risky' | null;

  /** The check's label (100 normal, 20001 political…); null when not checked. */
  @Column({ name: 'text_check_label', type: 'int', nullable: true })
  textCheckLabel: number | null;

  /** Bumped by every workflow step; a step applies only to the version it read. */
  @Column({ type: 'int', default: 0 })
  version: number;
}
