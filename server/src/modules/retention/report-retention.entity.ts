import { Column, Entity, PrimaryColumn } from 'typeorm';

/** When a case ended, and when its reporter's personal data was removed (null until then). */
@Entity('report_retention')
export class ReportRetentionEntity {
  @PrimaryColumn({ name: 'report_id', type: 'int' })
  reportId: number;

  @Column({ name: 'ended_at', type: 'datetime' })
  endedAt: Date;

  @Column({ name: 'personal_data_removed_at', type: 'datetime', nullable: true })
  personalDataRemovedAt: Date | null;
}
