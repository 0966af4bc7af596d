/**
 * `WechatTokens`: WeChat's access token, fetched from `POST /cgi-bin/stable_token` and shared by every
 * server instance through the `wechat_tokens` row (encrypted). Used by `WechatApi` only:
 * - `current()` — a token good for a while yet. About 5 minutes before it ends one instance claims the
 *   refresh (a conditional UPDATE on the row); the others keep using the old token, which WeChat
 *   honours until its end, or wait briefly for the new one when there is no old one.
 * - `renew(refused)` — after WeChat refused `refused` (40001, 42001): the token another instance has
 *   stored since, else a normal-mode fetch, else a forced refresh, at most 20 a day and 30 s apart.
 * A daily quota answer (45009) stops every instance asking until China's next midnight.
 * Tokens and the app secret are never logged nor put in an error.
 */
import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Clock } from '../../common/clock.js';
import type { DataProtection } from '../../common/data-protection.js';
import type { AppConfig } from '../../config/app-config.js';
import { WECHAT_ERRCODE, WechatError } from './wechat-error.js';
import type { WechatHttp } from './wechat-http.js';

const TABLE = 'wechat_tokens';
/** WeChat hands out the next token in the last 5 minutes of the current one; ask inside that window. */
const REFRESH_BEFORE_END_MS = 4.5 * 60_000;
/** How long a claim to refresh holds before another instance may take it over (a crashed refresher). */
const CLAIM_MS = 30_000;
/** How long an instance with no usable token waits for another one's refresh, and how often it looks. */
const WAIT_MS = 5_000;
const POLL_MS = 100;
const FORCE_PER_DAY = 20;
const FORCE_GAP_MS = 30_000;
const CHINA_OFFSET_MS = 8 * 3600_000;

interface TokenRow {
  /** Encrypted, as stored ('' when none yet). */
  sealed: string;
  expiresAt: number;
  refreshingUntil: number;
  forceDay: string;
  forceCount: number;
  forcedAt: number;
  blockedUntil: number;
}

const chinaDay = (ms: number) => new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
/** China's next midnight after `ms`, when WeChat's daily quotas start again. */
const nextChinaMidnight = (ms: number) => Date.parse(`${chinaDay(ms)}T00:00:00+08:00`) + 24 * 3600_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class WechatTokens {
  private readonly logger = new Logger('Wechat');
  /** This instance's name on a claim. */
  private readonly instance = randomUUID();
  private cached: { token: string; sealed: string; expiresAt: number } | null = null;
  private inflight: Promise<string> | null = null;

  constructor(
    private readonly app: NonNullable<AppConfig['wechat']['app']>,
    private readonly http: WechatHttp,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly protection: DataProtection,
  ) {}

  /** A token good for a while yet; concurrent callers in this instance share one look-up. */
  async current(): Promise<string> {
    const now = this.clock.now().getTime();
    if (this.cached && now < this.cached.expiresAt - REFRESH_BEFORE_END_MS) return this.cached.token;
    this.inflight ??= this.obtain().finally(() => (this.inflight = null));
    return this.inflight;
  }

  /** A token to retry with after WeChat refused `refused` as invalid or expired. */
  async renew(refused: string): Promise<string> {
    this.cached = null;
    const row = await this.read();
    const stored = this.open(row);
    if (stored && stored !== refused && this.clock.now().getTime() < row.expiresAt) return this.remember(stored, row);
    // WeChat's current stable token may simply be newer than ours (forced elsewhere): ask in normal mode first.
    const fetched = await this.refresh(row, false);
    if (fetched !== refused) return fetched;
    return this.refresh(await this.read(), true);
  }

  private async obtain(): Promise<string> {
    const started = Date.now();
    for (;;) {
      const row = await this.read();
      const now = this.clock.now().getTime();
      const stored = this.open(row);
      if (stored && now < row.expiresAt - REFRESH_BEFORE_END_MS) return this.remember(stored, row);
      const stillGood = stored && now < row.expiresAt ? stored : null;
      if (row.refreshingUntil <= now && row.blockedUntil <= now) {
        try {
          return await this.refresh(row, false);
        } catch (error) {
          // WeChat honours the old token until its end: a failed early refresh is no reason to fail the call.
          if (stillGood) return stillGood;
          throw error;
        }
      }
      if (stillGood) return stillGood;
      if (row.blockedUntil > now) throw new WechatError('stable_token', WECHAT_ERRCODE.DAILY_QUOTA, 'daily quota used up');
      if (Date.now() - started > WAIT_MS) throw new WechatError('stable_token', null, 'another instance is still refreshing');
      await sleep(POLL_MS);
    }
  }

  /**
   * Claims the refresh with a conditional UPDATE (free claim, and the token unchanged since `row` was
   * read), fetches, stores. Losing the claim means another instance refreshed or is refreshing: its
   * token is used, waited for if need be.
   */
  private async refresh(row: TokenRow, force: boolean): Promise<string> {
    const now = this.clock.now().getTime();
    const day = chinaDay(now);
    const forceCount = row.forceDay === day ? row.forceCount : 0;
    if (force) {
      if (forceCount >= FORCE_PER_DAY) throw new WechatError('stable_token', null, 'forced refreshes used up for today');
      if (now - row.forcedAt < FORCE_GAP_MS) throw new WechatError('stable_token', null, 'forced refresh less than 30 s ago');
    }
    const forceSets = force ? ', force_day = ?, force_count = ?, forced_at = ?' : '';
    const claimed = await this.affected(
      `UPDATE ${TABLE} SET refreshing_by = ?, refreshing_until = ?${forceSets} WHERE app_id = ? AND refreshing_until <= ? AND access_token = ? AND blocked_until <= ?`,
      [this.instance, now + CLAIM_MS, ...(force ? [day, forceCount + 1, now] : []), this.app.id, now, row.sealed, now],
    );
    if (!claimed) return this.obtain();
    try {
      const answer = await this.http.call<{ access_token?: unknown; expires_in?: unknown }>('stable_token', {
        method: 'POST',
        path: '/cgi-bin/stable_token',
        body: { grant_type: 'client_credential', appid: this.app.id, secret: this.app.secret.reveal(), force_refresh: force },
      });
      const { access_token: token, expires_in: expiresIn } = answer;
      if (typeof token !== 'string' || !token || typeof expiresIn !== 'number' || expiresIn <= 0)
        throw new WechatError('stable_token', null, 'answer has no access_token');
      // Counted from before the request: never later than WeChat's own end.
      const stored = { sealed: this.protection.encrypt(token), expiresAt: now + expiresIn * 1000 };
      await this.dataSource.query(
        `UPDATE ${TABLE} SET access_token = ?, expires_at = ?, refreshing_by = '', refreshing_until = 0, updated_at = ? WHERE app_id = ? AND refreshing_by = ?`,
        [stored.sealed, stored.expiresAt, this.clock.now().getTime(), this.app.id, this.instance],
      );
      this.cached = { token, ...stored };
      if (force) this.logger.warn(`Forced a new WeChat access token (${forceCount + 1} of ${FORCE_PER_DAY} today)`);
      return token;
    } catch (error) {
      const blocked = error instanceof WechatError && error.errcode === WECHAT_ERRCODE.DAILY_QUOTA;
      await this.dataSource.query(
        `UPDATE ${TABLE} SET refreshing_by = '', refreshing_until = 0${blocked ? ', blocked_until = ?' : ''} WHERE app_id = ? AND refreshing_by = ?`,
        [...(blocked ? [nextChinaMidnight(now)] : []), this.app.id, this.instance],
      );
      if (error instanceof WechatError) this.logger.warn(`WeChat access token not renewed: ${error.describe()}`);
      throw error;
    }
  }

  private remember(token: string, row: TokenRow): string {
    this.cached = { token, sealed: row.sealed, expiresAt: row.expiresAt };
    return token;
  }

  private open(row: TokenRow): string | null {
    if (!row.sealed) return null;
    if (this.cached?.sealed === row.sealed) return this.cached.token;
    try {
      return this.protection.decrypt(row.sealed);
    } catch {
      // Sealed under another data key (rotated): as good as none.
      return null;
    }
  }

  /** The app's row, made on first use. */
  private async read(): Promise<TokenRow> {
    for (let attempt = 0; ; attempt++) {
      const rows: Array<Record<string, string | number>> = await this.dataSource.query(
        `SELECT access_token, expires_at, refreshing_until, force_day, force_count, forced_at, blocked_until FROM ${TABLE} WHERE app_id = ?`,
        [this.app.id],
      );
      const r = rows[0];
      if (r)
        return {
          sealed: String(r.access_token),
          expiresAt: Number(r.expires_at),
          refreshingUntil: Number(r.refreshing_until),
          forceDay: String(r.force_day),
          forceCount: Number(r.force_count),
          forcedAt: Number(r.forced_at),
          blockedUntil: Number(r.blocked_until),
        };
      if (attempt > 0) throw new Error('wechat_tokens row missing after insert');
      // Another instance may insert it at the same moment: whichever wins, the row is there.
      const ignore = this.dataSource.options.type === 'mysql' ? 'INSERT IGNORE' : 'INSERT OR IGNORE';
      await this.dataSource.query(`${ignore} INTO ${TABLE} (app_id) VALUES (?)`, [this.app.id]);
    }
  }

  private async affected(sql: string, parameters: unknown[]): Promise<number> {
    if (this.dataSource.options.type === 'mysql') {
      const result: { affectedRows: number } = await this.dataSource.query(sql, parameters);
      return result.affectedRows;
    }
    const rows: unknown[] = await this.dataSource.query(`${sql} RETURNING app_id`, parameters);
    return rows.length;
  }
}
