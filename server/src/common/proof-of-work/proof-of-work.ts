import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type ProofOfWorkChallenge, type ProofOfWorkSolution, proofOfWorkHolds } from '@mashang/shared';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { isUniqueViolation } from '../../database/unique-violation.js';
import { Clock } from '../clock.js';

const TABLE = 'proof_of_work_spent';
const LIFETIME_MS = 10 * 60_000;
/** Spent challenges past their expiry are cleared at most this often by each instance, not on every redemption. */
const PURGE_EVERY_MS = 60_000;

/**
 * Issues signed hashcash challenges and redeems their solutions once. A challenge is stateless
 * (`v1.<difficulty>.<expires>.<scope>.<nonce>.<mac>`), so any instance can check it; its scope (the
 * village) binds it to what it was asked for; a redeemed one is remembered until it expires, so one
 * solution files one report.
 */
@Injectable()
export class ProofOfWork {
  private lastPurge = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A challenge for work within `scope` (digits and letters only). */
  issue(difficulty: number, scope: string): ProofOfWorkChallenge {
    const expires = this.clock.now().getTime() + LIFETIME_MS;
    const body = `v1.${difficulty}.${Math.floor(expires / 1000)}.${scope}.${randomBytes(9).toString('base64url')}`;
    return { challenge: `${body}.${this.mac(body)}`, difficulty, expiresAt: new Date(expires).toISOString() };
  }

  /**
   * The difficulty the solution proves, once: null when it is forged, expired, wrong, spent or
   * issued for another scope.
   */
  async redeem({ challenge, nonce }: ProofOfWorkSolution, scope: string): Promise<number | null> {
    const parts = challenge.split('.');
    if (parts.length !== 6 || parts[0] !== 'v1' || parts[3] !== scope) return null;
    const body = parts.slice(0, 5).join('.');
    const mac = Buffer.from(parts[5]!);
    const expected = Buffer.from(this.mac(body));
    if (mac.length !== expected.length || !timingSafeEqual(mac, expected)) return null;
    const difficulty = Number(parts[1]);
    const expiresMs = Number(parts[2]) * 1000;
    const now = this.clock.now().getTime();
    if (expiresMs < now || !proofOfWorkHolds(challenge, nonce, difficulty)) return null;
    return (await this.spend(challenge, expiresMs, now)) ? difficulty : null;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.config.hashSecret).update(`proof-of-work\0${body}`).digest('base64url').slice(0, 22);
  }

  private async spend(challenge: string, expiresMs: number, now: number): Promise<boolean> {
    const hash = createHash('sha256').update(challenge).digest('hex');
    try {
      await this.dataSource.query(`INSERT INTO ${TABLE} (challenge_hash, expires_at) VALUES (?, ?)`, [hash, expiresMs]);
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
    // Under a flood every filing redeems a solution: clearing the expired ones each time would double its statements.
    if (now - this.lastPurge >= PURGE_EVERY_MS) {
      this.lastPurge = now;
      await this.dataSource.query(`DELETE FROM ${TABLE} WHERE expires_at < ?`, [now]);
    }
    return true;
  }
}
