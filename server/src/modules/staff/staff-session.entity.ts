import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('staff_sessions')
export class StaffSessionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** SHA-256 of the bearer token; the token itself is never stored. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  @Column({ name: 'account_id', type: 'int' })
  accountId: number;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt: Date;

  @Column({ name: 'revoked_at', type: 'datetime', nullable: true })
  revokedAt: Date | null;

  /** 'active', or 'two_factor' while the sign-in still owes its code (the token is then only a challenge). */
  @Column({ type: 'varchar', length: 20, default: 'active' })
  stage: 'active' | 'two_factor';

  /** Codes tried against a two-factor challenge. */
  @Column({ type: 'int', default: 0 })
  attempts: number;
}
