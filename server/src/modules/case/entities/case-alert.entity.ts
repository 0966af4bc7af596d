import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AlertKind = 'due_soon' | 'overdue' | 'escalated';

/** A reminder, overdue flag or escalation; unique per deadline, kind and last day, so it is raised once. */
@Entity('case_alerts')
export class CaseAlertEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'report_id', type: 'int' })
  reportId: number;

  @Column({ name: 'deadline_id', type: 'int' })
  deadlineId: number;

  @Column({ type: 'varchar', length: 10 })
  kind: AlertKind;

  /** The deadline's last day when the alert was raised; a moved deadline is alerted afresh. */
  @Column({ name: 'due_on', type: 'varchar', length: 10 })
  dueOn: string;

  /** Who sees it: the township for reminders and overdue flags, the county for escalations. */
  @Column({ name: 'region_code', type: 'varchar', length: 12 })
  regionCode: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
