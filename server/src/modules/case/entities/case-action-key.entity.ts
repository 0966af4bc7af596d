import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** An action taken under an idempotency key: the key and content hashed, never the key itself. */
@Entity('case_action_keys')
export class CaseActionKeyEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'report_id', type: 'int' })
  reportId: number;

  @Column({ type: 'varchar', length: 40 })
  scope: string;

  @Column({ name: 'key_hash', type: 'varchar', length: 64 })
  keyHash: string;

  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
