import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A WeChat user who signed in to 我的反映: known by a keyed hash of the openid, the openid itself only encrypted. */
@Entity('reporter_accounts')
export class ReporterAccountEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'openid_hash', type: 'varchar', length: 64, unique: true })
  openidHash: string;

  /** For the messages WeChat delivers to this user (subscribe messages); never shown or logged. */
  @Column({ name: 'openid_enc', type: 'varchar', length: 255 })
  openidEnc: string;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}

/** A reporter's sign-in: a WeChat account's, or a phone's checked by an SMS code. */
@Entity('reporter_sessions')
export class ReporterSessionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  /** SHA-256 of the token; the token itself is never stored. */
  @Column({ name: 'token_hash', type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  @Column({ name: 'account_id', type: 'int', nullable: true })
  accountId: number | null;

  /** Keyed hash of the phone a phone session was opened for. */
  @Column({ name: 'phone_hash', type: 'varchar', length: 64, nullable: true })
  phoneHash: string | null;

  /** The phone WeChat vouched for (getPhoneNumber), encrypted, until `verifiedPhoneUntil`. */
  @Column({ name: 'verified_phone_enc', type: 'varchar', length: 255, nullable: true })
  verifiedPhoneEnc: string | null;

  @Column({ name: 'verified_phone_until', type: 'datetime', nullable: true })
  verifiedPhoneUntil: Date | null;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt: Date;
}

export const REPORTER_ENTITIES = [ReporterAccountEntity, ReporterSessionEntity];
