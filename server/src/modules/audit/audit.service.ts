import { Injectable } from '@nestjs/common';
import type { AuditEntry } from '@mashang/shared';
import { DataSource, type Repository } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AuditEntryEntity } from './audit-entry.entity.js';

/** The audit log of reporter identity reveals: written on every reveal, read by admins, never changed. */
@Injectable()
export class AuditService {
  private readonly entries: Repository<AuditEntryEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    this.entries = dataSource.getRepository(AuditEntryEntity);
  }

  async record(accountId: number, action: string, reportId: number | null): Promise<void> {
    await this.entries.insert({ accountId, action, reportId, createdAt: this.clock.now() });
  }

  /** Entries by accounts of the region and below, newest first. */
  async list(regionCode: string, limit = 500): Promise<AuditEntry[]> {
    const rows: { created_at: Date | string; account_id: number; username: string; action: string; report_no: string | null }[] =
      await this.dataSource
        .createQueryBuilder()
        .select([
          'a.created_at AS created_at',
          'a.account_id AS account_id',
          's.username AS username',
          'a.action AS action',
          'r.report_no AS report_no',
        ])
        .from('audit_log', 'a')
        .innerJoin('staff_accounts', 's', 's.id = a.account_id')
        .leftJoin('reports', 'r', 'r.id = a.report_id')
        .where('s.region_code LIKE :prefix', { prefix: `${regionCode}%` })
        .orderBy('a.created_at', 'DESC')
        .addOrderBy('a.id', 'DESC')
        .limit(limit)
        .getRawMany();
    return rows.map((r) => ({
      at: new Date(typeof r.created_at === 'string' ? `${r.created_at.replace(' ', 'T')}Z` : r.created_at).toISOString(),
      accountId: Number(r.account_id),
      username: r.username,
      action: r.action,
      reportNo: r.report_no,
    }));
  }
}
