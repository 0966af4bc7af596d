import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { StaffRole } from '@mashang/shared';

@Entity('staff_accounts')
export class StaffAccountEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 40, unique: true })
  username: string;

  @Column({ name: 'display_name', type: 'varchar', length: 20 })
  displayName: string;

  @Column({ type: 'varchar', length: 30 })
  role: StaffRole;

  /** The account sees this region and every region under it (code prefix). */
  @Column({ name: 'region_code', type: 'varchar', length: 12 })
  regionCode: string;

  /** argon2id */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash: string;

  @Column({ type: 'int', default: 0 })
  disabled: number;

  @Column({ name: 'failed_logins', type: 'int', default: 0 })
  failedLogins: number;

  @Column({ name: 'locked_until', type: 'datetime', nullable: true })
  lockedUntil: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
