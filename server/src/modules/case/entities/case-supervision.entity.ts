import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The county's 督办 (an instruction with a date for the township's answer, whose clock is a
 * `supervision` row in report_deadlines) or 催办 (a dated reminder without a clock).
 */
@Entity('case_supervisions')
export class CaseSupervisionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'report_id', type: 'int' })
  reportId: number;

  @Column({ type: 'varchar', length: 10 })
  kind: 'supervise' | 'urge';

  @Column({ type: 'text' })
  text: string;

  /** The 督办's clock; null for a 催办. */
  @Column({ name: 'deadline_id', type: 'int', nullable: true })
  deadlineId: number | null;

  @Column({ name: 'created_by', type: 'int' })
  createdBy: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'answer_text', type: 'text', nullable: true })
  answerText: string | null;

  @Column({ name: 'answered_by', type: 'int', nullable: true })
  answeredBy: number | null;

  @Column({ name: 'answered_at', type: 'datetime', nullable: true })
  answeredAt: Date | null;
}
