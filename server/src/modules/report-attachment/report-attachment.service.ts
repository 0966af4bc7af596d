import { createHash, randomBytes } from 'node:crypto';
import { Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown, Inject } from '@nestjs/common';
import { reportAttachmentName, type UploadReceipt } from '@mashang/shared';
import { DataSource, type EntityManager, IsNull, LessThan, MoreThan } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { every, type StopLoop } from '../../common/every.js';
import { RateLimiter } from '../../common/rate-limit/rate-limiter.js';
import { cleanUpload, extensionOf } from '../../common/storage/clean-upload.js';
import { FileStorage, newStorageKey } from '../../common/storage/file-storage.js';
import { OrphanedFiles } from '../../common/storage/orphaned-files.js';
import type { StoredFileAnswer } from '../../common/storage/send-stored-file.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { AuditService } from '../audit/audit.service.js';
import type { ReportEntity } from '../case/entities/report.entity.js';
import { fullCaseView } from '../case/jurisdiction.js';
import { ReportRepository } from '../case/report.repository.js';
import { type FilingContext, ReportHooks } from '../case/workflow/report-hooks.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import { ReportAttachmentEntity } from './report-attachment.entity.js';
import { SealedFiles } from './sealed-file.js';
import type { UploadedFile } from './upload-body.js';

/** Stored files the orphan sweep looks at per run. */
export { ORPHAN_SCAN_BATCH } from '../../common/storage/orphaned-files.js';

/** An upload not named by a filing within this time is refused by filings and then removed. */
export const UPLOAD_LIFETIME_MS = 24 * 3_600_000;
/** Uploads one address may make in ten minutes: six photos for each of five reports. */
const UPLOADS_PER_WINDOW = 30;
const UPLOAD_WINDOW_MS = 10 * 60_000;
/** How often the unused uploads are looked for, when sweeps run at all. */
const CLEANUP_INTERVAL_SECONDS = 10 * 60;
const CLEANUP_BATCH = 200;
/** Where the files are kept in the store: under `reports/<year>/<month>/`. */
const STORAGE_AREA = 'reports';

const hashOf = (uploadId: string) => createHash('sha256').update(uploadId).digest('hex');

/**
 * A villager's photos and files. Uploaded first, one by one, each cleaned (type from the bytes, an
 * image re-encoded without metadata: `cleanUpload`) and answered with an unguessable id; attached by
 * the filing that names the ids, in its own transaction, so a filing with an id unknown, expired or
 * already used stores nothing; kept encrypted in the file store (`SealedFiles`); seen afterwards only
 * by the staff who may see the case.
 */
@Injectable()
export class ReportAttachmentService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('ReportAttachments');
  private stop: StopLoop = () => Promise.resolve();
  private readonly orphans: OrphanedFiles;
  private readonly sealed: SealedFiles;

  constructor(
    private readonly dataSource: DataSource,
    private readonly storage: FileStorage,
    private readonly limiter: RateLimiter,
    private readonly reports: ReportRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    hooks: ReportHooks,
  ) {
    this.sealed = new SealedFiles(config.dataEncryptionKey);
    this.orphans = new OrphanedFiles(dataSource, storage, ReportAttachmentEntity, STORAGE_AREA, this.logger);
    hooks.register({ filed: (manager, report, context) => this.attach(manager, report, context) });
  }

  /** Before an upload's body is read: refused once the address has used up its window (looked at, not counted; `upload` counts). */
  async admitUpload(address: string): Promise<void> {
    if ((await this.limiter.peek('report_upload', address, UPLOAD_WINDOW_MS, { coarse: true })) >= UPLOADS_PER_WINDOW)
      throw new DomainError('RATE_LIMITED');
  }

  /**
   * Keeps one cleaned file as a pending upload. Counted per address (a coarse keyed hash, as beside
   * anonymous reports); the row keeps no address, name or device: an anonymous report's photos say no more than it does.
   */
  async upload(file: UploadedFile, address: string): Promise<UploadReceipt> {
    if ((await this.limiter.count('report_upload', address, UPLOAD_WINDOW_MS, { coarse: true })) > UPLOADS_PER_WINDOW)
      throw new DomainError('RATE_LIMITED');
    const clean = await cleanUpload(file.bytes);
    const now = this.clock.now();
    const id = randomBytes(18).toString('base64url');
    const storageKey = newStorageKey(STORAGE_AREA, now, extensionOf(clean.type));
    const thumbnailKey = clean.thumbnail ? storageKey.replace(/\.[a-z]+$/, '.thumb.jpg') : null;
    // Kept encrypted: the file store holds evidence that could name the reporter.
    await this.storage.put(storageKey, this.sealed.seal(clean.bytes), 'application/octet-stream');
    try {
      if (thumbnailKey && clean.thumbnail)
        await this.storage.put(thumbnailKey, this.sealed.seal(clean.thumbnail), 'application/octet-stream');
      await this.dataSource.getRepository(ReportAttachmentEntity).insert({
        uploadHash: hashOf(id),
        reportId: null,
        contentType: clean.type,
        byteSize: clean.bytes.length,
        storageKey,
        thumbnailKey,
        createdAt: now,
        attachedAt: null,
      });
    } catch (error) {
      await this.discard([storageKey, thumbnailKey]);
      throw error;
    }
    return { id, kind: clean.type === 'application/pdf' ? 'pdf' : 'image', type: clean.type, size: clean.bytes.length };
  }

  /**
   * In the filing's transaction: each named upload, still pending and under a day old, becomes the
   * report's. Claimed by a conditional update, so two filings naming one id cannot both have it.
   */
  private async attach(manager: EntityManager, report: ReportEntity, { input }: FilingContext): Promise<void> {
    const ids = input.attachments ?? [];
    if (ids.length === 0) return;
    const now = this.clock.now();
    const since = new Date(now.getTime() - UPLOAD_LIFETIME_MS);
    for (const id of ids) {
      const claimed = await manager
        .getRepository(ReportAttachmentEntity)
        .update({ uploadHash: hashOf(id), reportId: IsNull(), createdAt: MoreThan(since) }, { reportId: report.id, attachedAt: now });
      if (claimed.affected !== 1) throw new DomainError('UPLOAD_NOT_FOUND');
    }
  }

  /** A report's files in the order they were uploaded, as the case page lists them. */
  async of(reportId: number): Promise<ReportAttachmentEntity[]> {
    return this.dataSource.getRepository(ReportAttachmentEntity).find({ where: { reportId }, order: { id: 'ASC' } });
  }

  /**
   * A file of a case the account reads in full (the same rule as the case page: a township whose case
   * went up to the county, or that transferred it away, gets none); any other answers as not found.
   * Opening the full file is audited here, one entry per opening (`view_attachment`); the thumbnails the case page
   * shows are audited by the controller through `ThumbnailAudit`, once per account, case and China day (`view_thumbnails`).
   */
  async staffFile(account: StaffAccountEntity, reportNo: string, attachmentId: number, thumbnail: boolean): Promise<StoredFileAnswer> {
    const report = await this.reports.findByReportNo(reportNo);
    if (!report || !fullCaseView(account, report)) throw new DomainError('CASE_NOT_FOUND');
    const files = await this.of(report.id);
    const index = files.findIndex((f) => f.id === attachmentId);
    const file = files[index];
    if (!file) throw new DomainError('ATTACHMENT_NOT_FOUND');
    const small = thumbnail && file.thumbnailKey ? file.thumbnailKey : null;
    const bytes = await this.storage.get(small ?? file.storageKey);
    // The database names a file the store does not have: the store was lost or moved, not the request's fault.
    if (!bytes) throw new Error(`report attachment ${file.id}: no stored file`);
    if (!small) await this.audit.record(account.id, 'view_attachment', report.id);
    return {
      name: reportAttachmentName(file.contentType, index),
      type: small ? 'image/jpeg' : file.contentType,
      bytes: this.sealed.open(bytes),
    };
  }

  /** Removes uploads no filing named within their lifetime, row first, then the stored files. */
  async removeUnused(): Promise<number> {
    const repository = this.dataSource.getRepository(ReportAttachmentEntity);
    const cutoff = new Date(this.clock.now().getTime() - UPLOAD_LIFETIME_MS);
    const stale = await repository.find({ where: { reportId: IsNull(), createdAt: LessThan(cutoff) }, take: CLEANUP_BATCH });
    let removed = 0;
    for (const row of stale) {
      // Another instance may be removing the same row: only the one whose delete took it removes the files.
      const taken = await repository.delete({ id: row.id, reportId: IsNull() });
      if (taken.affected !== 1) continue;
      await this.discard([row.storageKey, row.thumbnailKey]);
      removed++;
    }
    return removed;
  }

  /**
   * Removes stored files that no row names, once they are a day old: left by a crash between writing
   * an upload's files and committing its row, or between removing rows (an unused upload, a case's
   * files at the end of retention) and their files. A file a row names, as its file or its thumbnail,
   * is never removed. Each run looks at the next ORPHAN_SCAN_BATCH files of `reports/` in key order and
   * starts again from the first after the last (`OrphanedFiles`); answers how many it removed.
   */
  async removeOrphanedFiles(): Promise<number> {
    return this.orphans.remove(this.clock.now());
  }

  /** The periodic clean-up starts with the other sweeps' setting (0: off, tests call `removeUnused` and `removeOrphanedFiles`). */
  onApplicationBootstrap(): void {
    if (this.config.sweepIntervalSeconds <= 0) return;
    this.stop = every(
      CLEANUP_INTERVAL_SECONDS,
      async () => {
        await this.removeUnused();
        await this.removeOrphanedFiles();
      },
      this.logger,
    );
  }

  /** A run in progress ends before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Removes stored files; a failure leaves an unused file behind, which is logged and harms nobody. */
  private async discard(keys: Array<string | null>): Promise<void> {
    for (const key of keys) {
      if (!key) continue;
      await this.storage.delete(key).catch((error: unknown) => this.logger.warn(`could not remove stored file ${key}: ${String(error)}`));
    }
  }
}
