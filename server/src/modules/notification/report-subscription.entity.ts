import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ProgressEvent } from '@mashang/shared';

/**
 * A one-time subscribe message the reporter allowed for one event of one report: one message per
 * grant, as WeChat counts them. `unusable` when WeChat answered that the user is not subscribed (43101).
 */
@Entity('report_subscriptions')
export class ReportSubscriptionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'report_id', type: 'int' })
  reportId: number;

  @Column({ type: 'varchar', length: 16 })
  event: ProgressEvent;

  /** The template granted, as configured when the reporter allowed it. */
  @Column({ name: 'template_id', type: 'varchar', length: 128 })
  templateId: string;

  @Column({ type: 'varchar', length: 10 })
  status: 'granted' | 'used' | 'unusable';

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'used_at', type: 'datetime', nullable: true })
  usedAt: Date | null;
}
