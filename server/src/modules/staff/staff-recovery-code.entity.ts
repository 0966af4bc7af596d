import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A one-time recovery code for two-factor sign-in, kept only as a keyed hash. */
@Entity('staff_recovery_codes')
export class StaffRecoveryCodeEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'account_id', type: 'int' })
  accountId: number;

  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash: string;

  @Column({ name: 'used_at', type: 'datetime', nullable: true })
  usedAt: Date | null;
}
