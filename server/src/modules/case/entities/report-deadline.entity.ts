import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { DueDateKind } from '@mashang/shared';

/** One duty owed on a report, computed when its clock starts and stored. */
@Entity('report_deadlines')
export class ReportDeadlineEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'report_id', type: 'int' })
  reportId: number;

  @Column({ type: 'varchar', length: 20 })
  kind: DueDateKind;

  /** The last day, inclusive, China date `YYYY-MM-DD`. */
  @Column({ name: 'due_on', type: 'varchar', length: 10 })
  dueOn: string;

  @Column({ type: 'int', default: 0 })
  provisional: number;

  @Column({ name: 'started_at', type: 'datetime' })
  startedAt: Date;

  @Column({ name: 'met_at', type: 'datetime', nullable: true })
  metAt: Date | null;

  /** Set when the duty lapsed without being owed any more (the case left our hands). */
  @Column({ name: 'cancelled_at', type: 'datetime', nullable: true })
  cancelledAt: Date | null;
}
