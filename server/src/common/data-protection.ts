import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/**
 * The server's two secrets at work: personal data encrypted at rest with the data key, and keyed
 * hashes that stand in for secrets (query codes, ID numbers) so they can be matched but not read.
 */
@Injectable()
export class DataProtection {
  private readonly hashSecret: string;
  private readonly dataKey: Buffer;
  private readonly sealedHashKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.hashSecret = config.hashSecret;
    this.dataKey = config.dataEncryptionKey;
    this.sealedHashKey = Buffer.from(hkdfSync('sha256', config.dataEncryptionKey, Buffer.alloc(0), 'sealed-hash', 32));
  }

  /** HMAC-SHA256 of a value for one purpose; the purpose keeps hashes of one kind from matching another's. */
  keyedHash(purpose: string, value: string): Buffer {
    return createHmac('sha256', this.hashSecret).update(`${purpose}\0${value}`).digest();
  }

  /**
   * A keyed hash of something that holds personal data, keyed from the data key rather than the
   * hash secret: whoever holds the database and the hash secret still cannot test guesses of a
   * phone number against it, no more than they can decrypt it.
   */
  sealedHash(purpose: string, value: string): Buffer {
    return createHmac('sha256', this.sealedHashKey).update(`${purpose}\0${value}`).digest();
  }

  /** AES-256-GCM; `v1.<iv>.<tag>.<ciphertext>` in base64url, so the key can be rotated later. */
  encrypt(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.dataKey, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv, cipher.getAuthTag(), data].map((p) => (typeof p === 'string' ? p : p.toString('base64url'))).join('.');
  }

  decrypt(sealed: string): string {
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || data === undefined) throw new Error('Unknown ciphertext format');
    const decipher = createDecipheriv('aes-256-gcm', this.dataKey, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}
