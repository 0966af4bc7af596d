import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One step on a report's timeline. Events are only ever added, never changed or removed. */
@Entity('report_events')
export class ReportEventEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'report_id', type: 'int' })
  reportId: number;

  @Column({ type: 'varchar', length: 30 })
  type: string;

  /** `reporter`, `system`, or a staff account id. */
  @Column({ type: 'varchar', length: 40 })
  actor: string;

  /** What the reporter reads; null for internal events. */
  @Column({ name: 'public_text', type: 'text', nullable: true })
  publicText: string | null;

  /** What only staff read: reasons, notes, the reporter's added material. */
  @Column({ name: 'internal_text', type: 'text', nullable: true })
  internalText: string | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
