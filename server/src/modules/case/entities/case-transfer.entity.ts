import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A case a township passed to another: all the sender keeps of it. */
@Entity('case_transfers')
export class CaseTransferEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'report_id', type: 'int' })
  reportId: number;

  @Column({ name: 'from_code', type: 'varchar', length: 12 })
  fromCode: string;

  @Column({ name: 'to_code', type: 'varchar', length: 12 })
  toCode: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
