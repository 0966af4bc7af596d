import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { isUniqueViolation } from '../../database/unique-violation.js';
import { Clock } from '../clock.js';

const TABLE = 'rate_limit_hits';

/**
 * Fixed-window hit counters kept in the database, so a limit holds across every server instance.
 * Client addresses are stored only as a keyed hash, and only for the windows still being counted.
 */
@Injectable()
export class RateLimiter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts one hit of `client` against `limit` and answers whether it is still within it. */
  async hit(name: string, client: string, limit: number, windowMs: number): Promise<boolean> {
    return (await this.count(name, client, windowMs)) <= limit;
  }

  /**
   * Counts one hit of `client` under `name` and answers the hits of the current window, this one
   * included. `coarse` keeps only 20 bits of the client's hash: enough to count by, while each
   * bucket stands for thousands of addresses, so a row cannot be matched to one address even by
   * whoever holds the hash secret (for counts taken beside anonymous reports).
   */
  async count(name: string, client: string, windowMs: number, options: { coarse?: boolean } = {}): Promise<number> {
    const { bucket, windowStart } = this.bucketOf(name, client, windowMs, options.coarse);
    return this.increment(name, bucket, windowStart, windowMs);
  }

  /** The hits of the current window without counting one. */
  async peek(name: string, client: string, windowMs: number, options: { coarse?: boolean } = {}): Promise<number> {
    const { bucket, windowStart } = this.bucketOf(name, client, windowMs, options.coarse);
    return this.hitsOf(bucket, windowStart);
  }

  private bucketOf(name: string, client: string, windowMs: number, coarse = false): { bucket: string; windowStart: number } {
    const now = this.clock.now().getTime();
    const hash = createHmac('sha256', this.config.hashSecret).update(client).digest();
    const key = coarse ? (hash.readUInt32BE(0) >>> 12).toString(16) : hash.toString('base64url').slice(0, 32);
    return { bucket: `${name}:${key}`, windowStart: now - (now % windowMs) };
  }

  private async increment(name: string, bucket: string, windowStart: number, windowMs: number): Promise<number> {
    const updated = await this.dataSource
      .createQueryBuilder()
      .update(TABLE)
      .set({ hits: () => 'hits + 1' })
      .where('bucket = :bucket AND window_start = :windowStart', { bucket, windowStart })
      .execute();
    if (!updated.affected) {
      try {
        await this.dataSource.createQueryBuilder().insert().into(TABLE).values({ bucket, window_start: windowStart, hits: 1 }).execute();
        // A new window began: this limit's windows that ended before the previous one count for nothing any more.
        await this.dataSource
          .createQueryBuilder()
          .delete()
          .from(TABLE)
          .where('bucket LIKE :limit AND window_start < :before', { limit: `${name}:%`, before: windowStart - windowMs })
          .execute();
        return 1;
      } catch (error) {
        // Another request, maybe on another instance, opened the window first: count on it.
        if (!isUniqueViolation(error)) throw error;
        return this.increment(name, bucket, windowStart, windowMs);
      }
    }
    return this.hitsOf(bucket, windowStart);
  }

  private async hitsOf(bucket: string, windowStart: number): Promise<number> {
    const row = await this.dataSource
      .createQueryBuilder()
      .select('hits')
      .from(TABLE, 'r')
      .where('bucket = :bucket AND window_start = :windowStart', { bucket, windowStart })
      .getRawOne<{ hits: number | string }>();
    return Number(row?.hits ?? 0);
  }
}
