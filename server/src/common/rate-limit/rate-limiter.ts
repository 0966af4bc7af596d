import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Clock } from '../clock.js';
import { RoundTripBatch } from '../../database/round-trip-batch.js';

const TABLE = 'rate_limit_hits';

/** Hits on one counter waiting for the statement that counts them. */
interface PendingHits {
  queued: Array<{ resolve: (hits: number) => void; reject: (error: unknown) => void }>;
  flushing: boolean;
}

/**
 * Fixed-window hit counters kept in the database, so a limit holds across every server instance.
 * Client addresses are stored only as a keyed hash, and only for the windows still being counted.
 */
@Injectable()
export class RateLimiter {
  /** Counters with hits on their way to the database, by bucket and window. */
  private readonly counters = new Map<string, PendingHits>();
  /** Reads of counters (`peek`) that share a round trip, by bucket and window. */
  private readonly reads = new RoundTripBatch<string, number>((keys) => this.hitsOfAll(keys));

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
    return (await this.reads.get(`${bucket}\n${windowStart}`)) ?? 0;
  }

  private bucketOf(name: string, client: string, windowMs: number, coarse = false): { bucket: string; windowStart: number } {
    const now = this.clock.now().getTime();
    const hash = createHmac('sha256', this.config.hashSecret).update(client).digest();
    const key = coarse ? (hash.readUInt32BE(0) >>> 12).toString(16) : hash.toString('base64url').slice(0, 32);
    return { bucket: `${name}:${key}`, windowStart: now - (now % windowMs) };
  }

  /**
   * Counts one hit. On MySQL, hits on one counter while a statement for it is on its way wait for it
   * to come back and are then counted together, in one statement: a flood on one village or address
   * is exactly when its counter is hot, and a statement per hit would queue every filing behind it.
   */
  private increment(name: string, bucket: string, windowStart: number, windowMs: number): Promise<number> {
    // SQLite answers at once, on its one connection: there is no round trip to share.
    if (this.dataSource.options.type !== 'mysql') return this.addHits(name, bucket, windowStart, windowMs, 1);
    const key = `${bucket}\n${windowStart}`;
    let counter = this.counters.get(key);
    if (!counter) {
      counter = { queued: [], flushing: false };
      this.counters.set(key, counter);
    }
    const pending = counter;
    return new Promise((resolve, reject) => {
      pending.queued.push({ resolve, reject });
      if (!pending.flushing) void this.flush(key, pending, name, bucket, windowStart, windowMs);
    });
  }

  private async flush(
    key: string,
    counter: PendingHits,
    name: string,
    bucket: string,
    windowStart: number,
    windowMs: number,
  ): Promise<void> {
    counter.flushing = true;
    while (counter.queued.length > 0) {
      const batch = counter.queued;
      counter.queued = [];
      try {
        const hits = await this.addHits(name, bucket, windowStart, windowMs, batch.length);
        // The batch's hits are the window's last ones, in the order they arrived.
        batch.forEach((waiter, i) => waiter.resolve(hits - batch.length + 1 + i));
      } catch (error) {
        for (const waiter of batch) waiter.reject(error);
      }
    }
    this.counters.delete(key);
  }

  /** Adds `count` hits and answers the window's hits, these included. */
  private async addHits(name: string, bucket: string, windowStart: number, windowMs: number, count: number): Promise<number> {
    const { hits, opened } = await this.upsertHits(bucket, windowStart, count);
    // A new window began: this limit's windows that ended before the previous one count for nothing any more.
    if (opened) await this.dropWindowsBefore(name, windowStart - windowMs);
    return hits;
  }

  /**
   * Adds `count` hits in one statement on either engine (atomic, whichever instance opened the
   * window) and answers the window's hits, these included, and whether this statement opened it.
   */
  private async upsertHits(bucket: string, windowStart: number, count: number): Promise<{ hits: number; opened: boolean }> {
    const values = `INSERT INTO ${TABLE} (bucket, window_start, hits) VALUES (?, ?, ?)`;
    if (this.dataSource.options.type === 'mysql') {
      // LAST_INSERT_ID(expr) hands the raised count back in the answer to the INSERT itself.
      const result: { affectedRows: number; insertId: number | string } = await this.dataSource.query(
        `${values} ON DUPLICATE KEY UPDATE hits = LAST_INSERT_ID(hits + ?)`,
        [bucket, windowStart, count, count],
      );
      // One row affected: inserted, the window's first hits; two: a count raised.
      return result.affectedRows === 1 ? { hits: count, opened: true } : { hits: Number(result.insertId), opened: false };
    }
    const rows: Array<{ hits: number }> = await this.dataSource.query(
      `${values} ON CONFLICT (bucket, window_start) DO UPDATE SET hits = hits + excluded.hits RETURNING hits`,
      [bucket, windowStart, count],
    );
    const hits = Number(rows[0]!.hits);
    return { hits, opened: hits === count };
  }

  private async dropWindowsBefore(name: string, before: number): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(TABLE)
      .where('bucket LIKE :limit AND window_start < :before', { limit: `${name}:%`, before })
      .execute();
  }

  /** The hits of several counters (keys `bucket\nwindowStart`) in one statement; a counter not found has none. */
  private async hitsOfAll(keys: string[]): Promise<Map<string, number>> {
    const pairs = keys.map((key) => key.split('\n') as [string, string]);
    const rows: Array<{ bucket: string; window_start: number | string; hits: number | string }> = await this.dataSource.query(
      `SELECT bucket, window_start, hits FROM ${TABLE} WHERE ${pairs.map(() => '(bucket = ? AND window_start = ?)').join(' OR ')}`,
      pairs.flatMap(([bucket, windowStart]) => [bucket, Number(windowStart)]),
    );
    return new Map(rows.map((r) => [`${r.bucket}\n${Number(r.window_start)}`, Number(r.hits)]));
  }
}
