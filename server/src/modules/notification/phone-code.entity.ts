import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The one live sign-in code of a phone, as keyed hashes only (the phone's is sealed under the data
 * key, like the reports' phone hash). A new code replaces the old; a right one is used up.
 */
@Entity('phone_codes')
export class PhoneCodeEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'phone_hash', type: 'varchar', length: 64 })
  phoneHash: string;

  @Column({ name: 'code_hash', type: 'varchar', length: 64 })
  codeHash: string;

  /** Wrong tries so far; the code is dead after five. */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'expires_at', type: 'datetime' })
  expiresAt: Date;

  @Column({ name: 'created_at', type: 'datetime' })
  createdAt: Date;
}
