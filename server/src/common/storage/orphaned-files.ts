import type { Logger } from '@nestjs/common';
import { type DataSource, type EntityTarget, In } from 'typeorm';
import type { FileStorage } from './file-storage.js';
import type { StoredFileColumns } from './stored-file-columns.js';

/** A file no row names is removed once it is this old: far past the moment between writing a file and committing its row. */
export const ORPHAN_AGE_MS = 24 * 3_600_000;
/** Stored files looked at per run (one query of the table for them); the next run goes on after the last. */
export const ORPHAN_SCAN_BATCH = 1000;

/**
 * Removes the stored files of one area (`reports`, `disclosures`) that no row of the area's table names,
 * once they are a day old: left by a crash between writing a file and committing its row, or between
 * removing a row and its files. A file a row names, as its file or its thumbnail, is never removed. Each
 * run looks at the next ORPHAN_SCAN_BATCH files of the area in key order and starts again from the first
 * after the last, so one instance per area keeps its place between runs.
 */
export class OrphanedFiles {
  /** The last stored file looked at; null: the next run starts again from the first. */
  private cursor: string | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
    private readonly table: EntityTarget<StoredFileColumns>,
    private readonly area: string,
    private readonly logger: Pick<Logger, 'log' | 'warn'>,
  ) {}

  /** One run at `now`; answers how many files it removed. */
  async remove(now: Date): Promise<number> {
    const listed = await this.storage.list(this.area, this.cursor, ORPHAN_SCAN_BATCH);
    this.cursor = listed.length < ORPHAN_SCAN_BATCH ? null : listed[listed.length - 1]!.key;
    const cutoff = now.getTime() - ORPHAN_AGE_MS;
    const old = listed.filter((file) => file.writtenAt.getTime() < cutoff).map((file) => file.key);
    if (!old.length) return 0;
    const rows = await this.dataSource.getRepository(this.table).find({
      select: { storageKey: true, thumbnailKey: true },
      where: [{ storageKey: In(old) }, { thumbnailKey: In(old) }],
    });
    const named = new Set(rows.flatMap((row) => [row.storageKey, row.thumbnailKey]));
    const orphans = old.filter((key) => !named.has(key));
    for (const key of orphans)
      await this.storage.delete(key).catch((error: unknown) => this.logger.warn(`could not remove stored file ${key}: ${String(error)}`));
    if (orphans.length) this.logger.log(`removed ${orphans.length} stored file(s) under ${this.area}/ that no row names`);
    return orphans.length;
  }
}
