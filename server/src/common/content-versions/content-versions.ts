import { countyCodeOf, townshipCodeOf } from '@mashang/shared';
import type { DataSource, EntityManager } from 'typeorm';

/** The scope every public page depends on: bumped by bulk loads that may touch anything. */
export const ALL_CONTENT = '*';

/**
 * Not public content: bumped when an admin changes a county's deadline rules or the holiday calendar,
 * which every instance holds in memory to compute due dates (see DeadlineRulesService.ensureFresh).
 */
export const DEADLINE_SETTINGS = 'deadline-settings';

/**
 * The scopes a village's public content depends on: the village (its power list and disclosures),
 * its township (name, hotline), its county (name, 三务公开 calendar), and everything.
 */
export function villageScopes(villageCode: string): string[] {
  return [villageCode, townshipCodeOf(villageCode), countyCodeOf(villageCode), ALL_CONTENT];
}

/**
 * Marks public content as changed: call it in the transaction of the write, so no instance can see
 * the new version without the new content, nor the new content for long under the old version.
 */
export async function bumpContentVersions(manager: EntityManager, scopes: readonly string[]): Promise<void> {
  const upsert =
    manager.connection.options.type === 'mysql'
      ? 'INSERT INTO content_versions (scope, version) VALUES (?, 1) ON DUPLICATE KEY UPDATE version = version + 1'
      : 'INSERT INTO content_versions (scope, version) VALUES (?, 1) ON CONFLICT (scope) DO UPDATE SET version = version + 1';
  // One order for every writer, so two transactions bumping the same scopes never wait on each other in a cycle.
  for (const scope of [...new Set(scopes)].sort()) await manager.query(upsert, [scope]);
}

interface Waiter {
  scopes: readonly string[];
  resolve: (versions: Map<string, number>) => void;
  reject: (error: unknown) => void;
}

/** At most this many scopes in one `IN (…)`. */
const SCOPES_PER_QUERY = 500;

/**
 * Reads content versions for the page cache, as fresh as a read per request and far cheaper.
 *
 * Each caller gets versions read by a query that STARTED AFTER it asked, so any write committed
 * before a request arrived (on any instance) is seen by that request: a correction is visible at
 * once everywhere, with no TTL. Callers that ask while a read is in flight wait for the next one,
 * and all of them share it: one indexed primary-key query per round trip of the database rather
 * than one per request.
 *
 * `waitForTurn` also holds the first read until the end of the event loop's current turn
 * (`setImmediate`), so every request taken in from the network in that turn shares it: on SQLite
 * a query answers at once, and without the wait nothing would be shared. Only for readers that
 * write nothing after: on SQLite's one connection, requests held together would begin their
 * transactions together, which TypeORM cannot keep apart there.
 */
export class ContentVersionReader {
  private waiting: Waiter[] = [];
  private reading = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly options: { waitForTurn?: boolean } = {},
  ) {}

  versionsOf(scopes: readonly string[]): Promise<Map<string, number>> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ scopes, resolve, reject });
      if (!this.reading) {
        this.reading = true;
        if (this.options.waitForTurn) setImmediate(() => void this.drain());
        else void this.drain();
      }
    });
  }

  private async drain(): Promise<void> {
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting;
        this.waiting = [];
        try {
          const versions = await this.read([...new Set(batch.flatMap((w) => w.scopes))]);
          for (const w of batch) w.resolve(versions);
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.reading = false;
    }
  }

  private async read(scopes: string[]): Promise<Map<string, number>> {
    const versions = new Map<string, number>();
    for (let i = 0; i < scopes.length; i += SCOPES_PER_QUERY) {
      const chunk = scopes.slice(i, i + SCOPES_PER_QUERY);
      const rows: Array<{ scope: string; version: number | string }> = await this.dataSource.query(
        `SELECT scope, version FROM content_versions WHERE scope IN (${chunk.map(() => '?').join(', ')})`,
        chunk,
      );
      for (const row of rows) versions.set(row.scope, Number(row.version));
    }
    return versions;
  }
}
