import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { DataProtection } from '../../common/data-protection.js';
import { isUniqueViolation } from '../../database/unique-violation.js';

const TABLE = 'login_throttle';
/** Longer than any window: rows this old count for nothing. */
const PRUNE_AFTER_MS = 24 * 3_600_000;

/** A count of sign-in attempts: what is counted (a username, an account's codes) from which client. */
export interface ThrottleKey {
  subject: string;
  client: string;
}

export interface ThrottleLimit {
  attempts: number;
  /** The count ends this long after the last attempt counted. */
  windowMs: number;
}

/**
 * Slows down guessing per (subject, client address) pair, with counters in the database so every
 * server instance shares them. An attempt takes its slot BEFORE the secret is checked, by one
 * conditional UPDATE: of N concurrent guesses at most `limit` get checked, whatever the timing.
 * Subjects and addresses are kept only as keyed hashes.
 */
@Injectable()
export class LoginThrottle {
  constructor(
    private readonly dataSource: DataSource,
    private readonly protection: DataProtection,
    private readonly clock: Clock,
  ) {}

  /** The key of `subject` (say `password:<username>`) tried from `clientAddress`. */
  key(subject: string, clientAddress: string): ThrottleKey {
    const hash = (purpose: string, value: string) => this.protection.keyedHash(purpose, value).toString('base64url').slice(0, 43);
    return { subject: hash('login-throttle-subject', subject), client: hash('login-throttle-client', clientAddress) };
  }

  /** Takes an attempt's slot; false when the pair has used up its attempts (then nothing may be checked). */
  async take({ subject, client }: ThrottleKey, limit: ThrottleLimit): Promise<boolean> {
    const now = this.clock.now();
    // A count whose last attempt is older than the window starts over.
    await this.dataSource
      .createQueryBuilder()
      .update(TABLE)
      .set({ attempts: 0 })
      .where('subject = :subject AND client = :client AND updated_at <= :staleBefore AND attempts > 0', {
        subject,
        client,
        staleBefore: new Date(now.getTime() - limit.windowMs),
      })
      .execute();
    const taken = await this.dataSource
      .createQueryBuilder()
      .update(TABLE)
      .set({ attempts: () => 'attempts + 1', updated_at: now })
      .where('subject = :subject AND client = :client AND attempts < :limit', { subject, client, limit: limit.attempts })
      .execute();
    if (taken.affected) return true;
    try {
      await this.dataSource.createQueryBuilder().insert().into(TABLE).values({ subject, client, attempts: 1, updated_at: now }).execute();
      await this.prune(PRUNE_AFTER_MS);
      return true;
    } catch (error) {
      // The row exists: it is full, or another request created it meanwhile (then count on it).
      if (!isUniqueViolation(error)) throw error;
      const retried = await this.dataSource
        .createQueryBuilder()
        .update(TABLE)
        .set({ attempts: () => 'attempts + 1', updated_at: now })
        .where('subject = :subject AND client = :client AND attempts < :limit', { subject, client, limit: limit.attempts })
        .execute();
      return Boolean(retried.affected);
    }
  }

  /**
   * After a success: the earlier failures of the pair are forgiven, but only while the pair is not
   * full. If failures that ran meanwhile used up the attempts, the success gives back its own slot
   * alone, so a lock set meanwhile stays.
   */
  async succeeded({ subject, client }: ThrottleKey, limit: ThrottleLimit): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .update(TABLE)
      .set({ attempts: () => `CASE WHEN attempts >= ${Number(limit.attempts)} THEN attempts - 1 ELSE 0 END` })
      .where('subject = :subject AND client = :client', { subject, client })
      .execute();
  }

  /** Forgets every count older than the longest window, so the table holds only live pairs. */
  async prune(olderThanMs: number): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(TABLE)
      .where('updated_at <= :before', { before: new Date(this.clock.now().getTime() - olderThanMs) })
      .execute();
  }
}
