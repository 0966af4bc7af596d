import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** `answered`: the township answered a 督办, told to the county (its deadline is the 督办's clock). */
export type AlertKind = 'due_soon' | 'overdue' | 'escalated' | 'answered';

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

  /** Who sees it: the township for reminders and overdue flags, the county for escalations and answered 督办. */
  @Column({ name: 'region_code', type: 'varchar', length: 12 })
  regionCode: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
