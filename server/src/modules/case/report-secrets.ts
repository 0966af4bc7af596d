import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { QUERY_CODE_DIGITS } from '@mashang/shared';
import { DataProtection } from '../../common/data-protection.js';

const QUERY_CODE_MODULUS = 10n ** BigInt(QUERY_CODE_DIGITS);
const REPORT_NO_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'; // no 0/O, 1/I/L

/** A report's query code, its number, and the hashes that stand in for its secrets in the database. */
@Injectable()
export class ReportSecrets {
  constructor(private readonly protection: DataProtection) {}

  private hmac(purpose: string, value: string): Buffer {
    return this.protection.keyedHash(purpose, value);
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

  /** Tells a retry from a reused key; the content holds the reporter's name and phone, so it is sealed under the data key. */
  fingerprint(content: unknown): string {
    return this.protection.sealedHash('report-fingerprint', JSON.stringify(content)).toString('hex');
  }

  newReportNo(): string {
    const bytes = randomBytes(10);
    return Array.from(bytes, (b) => REPORT_NO_ALPHABET[b % REPORT_NO_ALPHABET.length]).join('');
  }
}
