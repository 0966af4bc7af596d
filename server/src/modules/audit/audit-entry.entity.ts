import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Append-only: there is no code path that updates or deletes an entry. */
@Entity('audit_log')
export class AuditEntryEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'account_id', type: 'int' })
  accountId: number;

  @Column({ type: 'varchar', length: 40 })
  action: string;

  @Column({ name: 'report_id', type: 'int', nullable: true })
  reportId: number | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
