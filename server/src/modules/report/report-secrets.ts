import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { QUERY_CODE_DIGITS } from '@mashang/shared';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';

const QUERY_CODE_MODULUS = 10n ** BigInt(QUERY_CODE_DIGITS);
const REPORT_NO_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'; // no 0/O, 1/I/L

/**
 * Everything secret about a report: its query code, the hashes that stand in for secrets in the
 * database, and the encryption of a real-name reporter's identity.
 */
@Injectable()
export class ReportSecrets {
  private readonly hashSecret: string;
  private readonly dataKey: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.hashSecret = config.hashSecret;
    this.dataKey = config.dataEncryptionKey;
  }

  private hmac(purpose: string, value: string): Buffer {
    return createHmac('sha256', this.hashSecret).update(`${purpose}\0${value}`).digest();
  }

  /**
   * The query code of the submission with this idempotency key: a keyed PRF of the key, so a retry
   * after a lost response gets the same code back while the code itself is never stored. Without
   * the server's secret it cannot be computed, key known or not.
   */
  queryCodeFor(idempotencyKey: string): string {
    const n = BigInt(`0x${this.hmac('query-code', idempotencyKey).toString('hex')}`) % QUERY_CODE_MODULUS;
    return n.toString().padStart(QUERY_CODE_DIGITS, '0');
  }

  hashQueryCode(normalizedCode: string): string {
    return this.hmac('query-code-hash', normalizedCode).toString('hex');
  }

  hashIdempotencyKey(key: string): string {
    return this.hmac('idempotency-key', key).toString('hex');
  }

  fingerprint(content: unknown): string {
    return this.hmac('report-fingerprint', JSON.stringify(content)).toString('hex');
  }

  newReportNo(): string {
    const bytes = randomBytes(10);
    return Array.from(bytes, (b) => REPORT_NO_ALPHABET[b % REPORT_NO_ALPHABET.length]).join('');
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
