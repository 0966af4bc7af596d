import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { DataSource, type EntityManager, In, IsNull, LessThan } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { every, type StopLoop } from '../../common/every.js';
import { FileStorage } from '../../common/storage/file-storage.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { ReportEntity } from '../case/entities/report.entity.js';
import { ReportEventEntity } from '../case/entities/report-event.entity.js';
import { type AppliedStep, ReportHooks } from '../case/workflow/report-hooks.js';
import { ReportAttachmentEntity } from '../report-attachment/report-attachment.entity.js';
import { isEnded } from './ended-states.js';
import { ReportRetentionEntity } from './report-retention.entity.js';

const DAY_MS = 86_400_000;
/** Cases cleared per transaction, and at most per run (the next run goes on where this one stopped). */
const BATCH = 200;
const MAX_BATCHES_PER_RUN = 100;

/** Columns that link a report to its reporter, added by the reporter accounts work: cleared where they exist. */
const LINK_COLUMNS = ['reporter_phone_hash', 'reporter_account_id'];
/** Rows kept per report that say something about its reporter: removed where the table exists. */
const LINKED_TABLES = ['report_subscriptions'];

export interface RetentionResult {
  /** Cases whose reporter's personal data this run removed. */
  cleared: number;
}

/**
 * Removes the reporter's personal data (name, phone, the links to their WeChat account or phone, their
 * photos and files) from
 * cases that ended more than RETENTION_DAYS ago, with an internal event on the timeline. The case,
 * its text, its timeline and every figure stay. Each case is claimed by a conditional update of its
 * retention row, so two instances sweeping at once clear it once between them.
 */
@Injectable()
export class RetentionSweep implements BeforeApplicationShutdown {
  private readonly logger = new Logger('RetentionSweep');
  private stop: StopLoop = () => Promise.resolve();
  /** The optional columns and tables found in this database (made by migrations before the first run). */
  private schema: Promise<{ columns: string[]; tables: string[] }> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    hooks: ReportHooks,
  ) {
    hooks.register({ stepped: (manager, applied) => this.recordEnd(manager, applied) });
  }

  /** Started with the deadline sweep, once the database is migrated; the same interval (0: tests run it by hand). */
  startSweeping(): void {
    this.stop = every(this.config.sweepIntervalSeconds, () => this.run(), this.logger);
  }

  /** A run in progress ends before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** In the step's transaction: the step that ends a case starts its retention period. */
  private async recordEnd(manager: EntityManager, { before, after, now }: AppliedStep): Promise<void> {
    if (isEnded(after.status) && !isEnded(before.status)) await manager.insert(ReportRetentionEntity, { reportId: after.id, endedAt: now });
  }

  async run(): Promise<RetentionResult> {
    const now = this.clock.now();
    const endedBefore = new Date(now.getTime() - this.config.retentionDays * DAY_MS);
    let cleared = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const due = await this.dataSource.getRepository(ReportRetentionEntity).find({
        select: { reportId: true },
        where: { personalDataRemovedAt: IsNull(), endedAt: LessThan(endedBefore) },
        order: { endedAt: 'ASC', reportId: 'ASC' },
        take: BATCH,
      });
      if (!due.length) break;
      cleared += await this.clear(
        due.map((d) => d.reportId),
        now,
      );
      if (due.length < BATCH) break;
    }
    return { cleared };
  }

  /** One batch in one transaction: only the cases this instance claimed are cleared, each with its event. */
  private async clear(reportIds: number[], now: Date): Promise<number> {
    const { columns, tables } = await this.optionalSchema();
    const files: string[] = [];
    const cleared = await this.dataSource.transaction(async (manager) => {
      const claimed: number[] = [];
      for (const reportId of reportIds) {
        const result = await manager.update(
          ReportRetentionEntity,
          { reportId, personalDataRemovedAt: IsNull() },
          { personalDataRemovedAt: now },
        );
        if (result.affected === 1) claimed.push(reportId);
      }
      if (!claimed.length) return 0;
      // Only cases that held something of their reporter get the event: an anonymous one had nothing to remove.
      const held = await manager.find(ReportEntity, {
        select: { id: true, reporterNameEnc: true, reporterPhoneEnc: true },
        where: { id: In(claimed) },
      });
      const named = held.filter((r) => r.reporterNameEnc !== null || r.reporterPhoneEnc !== null).map((r) => r.id);
      const linked = await this.linkedReports(manager, claimed, columns, tables);
      // Photos and files: the rows go with the batch, the stored files once it has committed.
      const attachments = await manager.find(ReportAttachmentEntity, { where: { reportId: In(claimed) } });
      for (const a of attachments) {
        linked.add(a.reportId!);
        files.push(a.storageKey, ...(a.thumbnailKey ? [a.thumbnailKey] : []));
      }
      if (attachments.length) await manager.delete(ReportAttachmentEntity, { id: In(attachments.map((a) => a.id)) });
      const touched = claimed.filter((id) => named.includes(id) || linked.has(id));
      if (!touched.length) return claimed.length;
      const marks = claimed.map(() => '?').join(', ');
      const unlink = columns.map((c) => `, ${c} = NULL`).join('');
      await manager.query(
        `UPDATE reports SET reporter_name_enc = NULL, reporter_phone_enc = NULL${unlink} WHERE id IN (${marks})`,
        claimed,
      );
      for (const table of tables) await manager.query(`DELETE FROM ${table} WHERE report_id IN (${marks})`, claimed);
      await manager.insert(
        ReportEventEntity,
        touched.map((reportId) => ({
          reportId,
          type: 'personal_data_removed',
          actor: 'system',
          publicText: null,
          internalText: `结案已满${this.config.retentionDays}天，反映人的姓名、电话等个人信息和上传的照片、文件已按规定删除；反映内容和办理记录保留。`,
          createdAt: now,
        })),
      );
      return claimed.length;
    });
    // A file left behind (a failure here, or a crash after the commit) is still sealed with the data key,
    // so whoever holds the store and that key can open it until the attachments' clean-up, which removes
    // files no row names (`ReportAttachmentService.removeOrphanedFiles`), comes to it; each failure is logged with its key.
    for (const key of files)
      await this.storage.delete(key).catch((error: unknown) => this.logger.warn(`could not remove stored file ${key}: ${String(error)}`));
    return cleared;
  }

  /** The claimed cases that still carry a link to their reporter in an optional column or table. */
  private async linkedReports(manager: EntityManager, ids: number[], columns: string[], tables: string[]): Promise<Set<number>> {
    const marks = ids.map(() => '?').join(', ');
    const linked = new Set<number>();
    if (columns.length) {
      const rows: Array<{ id: number }> = await manager.query(
        `SELECT id FROM reports WHERE id IN (${marks}) AND (${columns.map((c) => `${c} IS NOT NULL`).join(' OR ')})`,
        ids,
      );
      for (const row of rows) linked.add(Number(row.id));
    }
    for (const table of tables) {
      const rows: Array<{ report_id: number }> = await manager.query(
        `SELECT DISTINCT report_id FROM ${table} WHERE report_id IN (${marks})`,
        ids,
      );
      for (const row of rows) linked.add(Number(row.report_id));
    }
    return linked;
  }

  private optionalSchema(): Promise<{ columns: string[]; tables: string[] }> {
    this.schema ??= (async () => {
      const runner = this.dataSource.createQueryRunner();
      try {
        const reports = await runner.getTable('reports');
        const columns = LINK_COLUMNS.filter((name) => reports?.findColumnByName(name));
        const tables: string[] = [];
        for (const table of LINKED_TABLES) if (await runner.hasTable(table)) tables.push(table);
        return { columns, tables };
      } finally {
        await runner.release();
      }
    })();
    return this.schema;
  }
}
