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

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  /** 1 while the password is a temporary one an admin handed over: the session may only change it. */
  @Column({ name: 'must_change_password', type: 'int', default: 0 })
  mustChangePassword: number;

  /** When an admin last issued a temporary password; a reveal within 24 hours of it is flagged. */
  @Column({ name: 'password_reset_at', type: 'datetime', nullable: true })
  passwordResetAt: Date | null;

  /** The TOTP secret, encrypted at rest; null until enrolment is confirmed. */
  @Column({ name: 'totp_secret', type: 'text', nullable: true })
  totpSecret: string | null;

  /** A secret shown for enrolment and not yet confirmed with a code, encrypted. */
  @Column({ name: 'totp_pending_secret', type: 'text', nullable: true })
  totpPendingSecret: string | null;

  @Column({ name: 'totp_enabled_at', type: 'datetime', nullable: true })
  totpEnabledAt: Date | null;

  /** The time step of the last code accepted: a code is never accepted twice. */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true })
  totpLastStep: string | null;
}
