import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, MoreThanOrEqual } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AuditEntryEntity } from '../audit/audit-entry.entity.js';
import { AuditService } from '../audit/audit.service.js';
import { chinaDate } from '../calendar/china-date.js';

const ACTION = 'view_thumbnails';

/**
 * Thumbnails of a reporter's photos, audited once per staff account, case and China day. A thumbnail
 * still shows what the photo shows (a house, a face, where the reporter stood), so a look at them
 * belongs in the log like a full file (`view_attachment`); but the case page loads them each time it
 * opens, and an entry per image load would bury the log's other entries. One entry a day says who
 * looked at which case's photos on which day, which is what a reviewer asks.
 *
 * One entry across instances: on MySQL the check and the entry are one transaction holding the
 * account's row, so two instances loading the same page never both write it (SQLite is one instance,
 * and within an instance each account and case is settled once a day, however many images load at once).
 */
@Injectable()
export class ThumbnailAudit {
  /** The China day `settled` is for: it is emptied when the day turns. */
  private day = '';
  /** By `account:report number`: the day's entry, written or found (or on its way). */
  private readonly settled = new Map<string, Promise<void>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Notes that `accountId` was shown thumbnails of the report `reportNo` (one it reads in full) today. */
  seen(accountId: number, reportNo: string): Promise<void> {
    const today = chinaDate(this.clock.now());
    if (today !== this.day) {
      this.settled.clear();
      this.day = today;
    }
    const key = `${accountId}:${reportNo}`;
    let entry = this.settled.get(key);
    if (!entry) {
      entry = this.recordOnce(accountId, reportNo, new Date(`${today}T00:00:00+08:00`)).catch((error: unknown) => {
        // Not settled: the next load tries again.
        this.settled.delete(key);
        throw error;
      });
      this.settled.set(key, entry);
    }
    return entry;
  }

  private recordOnce(accountId: number, reportNo: string, dayStart: Date): Promise<void> {
    const once = async (manager: EntityManager) => {
      const [report] = await manager.query<{ id: number | string }[]>('SELECT id FROM reports WHERE report_no = ?', [reportNo]);
      if (!report) return;
      const reportId = Number(report.id);
      const found = await manager.getRepository(AuditEntryEntity).exists({
        where: { accountId, action: ACTION, reportId, createdAt: MoreThanOrEqual(dayStart) },
      });
      if (!found) await this.audit.recordIn(manager, accountId, ACTION, reportId);
    };
    if (this.dataSource.options.type !== 'mysql') return once(this.dataSource.manager);
    // READ COMMITTED: the check after the lock sees an entry the instance before committed, whenever the snapshot began (TiDB too).
    return this.dataSource.transaction('READ COMMITTED', async (manager) => {
      await manager.query('SELECT id FROM staff_accounts WHERE id = ? FOR UPDATE', [accountId]);
      await once(manager);
    });
  }
}
