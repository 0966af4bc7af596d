import { Injectable } from '@nestjs/common';
import type { MyReports as MyReportsPage, ReportStatusView } from '@mashang/shared';
import { DataSource, In } from 'typeorm';
import { DomainError } from '../../common/domain-error.js';
import { ReportEntity } from '../case/entities/report.entity.js';
import { ReportService } from '../case/report.service.js';
import type { ReporterSessionEntity } from './reporter.entities.js';

/**
 * 我的反映: the real-name reports of the signed-in reporter, those filed while signed in with WeChat
 * for a WeChat session, those giving the phone for a phone session. Nobody else's report is ever
 * answered: it is "not found", exactly as a report that does not exist.
 */
@Injectable()
export class MyReports {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reports: ReportService,
  ) {}

  /** Newest first, one page of them, each as its status page sums it up. */
  async list(session: ReporterSessionEntity, offset: number, limit: number): Promise<MyReportsPage> {
    const [column, value] = ownerOf(session);
    const [ids, counted] = await Promise.all([
      this.dataSource.query<{ id: number | string }[]>(
        `SELECT id FROM reports WHERE ${column} = ? ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?`,
        [value, limit, offset],
      ),
      this.dataSource.query<{ n: number | string }[]>(`SELECT COUNT(*) AS n FROM reports WHERE ${column} = ?`, [value]),
    ]);
    const found = await this.dataSource.getRepository(ReportEntity).findBy({ id: In(ids.map((r) => Number(r.id))) });
    const byId = new Map(found.map((r) => [r.id, r]));
    const views = await Promise.all(ids.map((r) => this.reports.view(byId.get(Number(r.id))!)));
    return {
      items: views.map((v) => ({
        ref: v.reportNo,
        villageName: v.villageName,
        category: v.category,
        status: v.status,
        receivedAt: v.receivedAt,
        next: v.next,
      })),
      total: Number(counted[0]?.n ?? 0),
    };
  }

  /** One of the reporter's own reports, or REPORT_NOT_FOUND. */
  async find(session: ReporterSessionEntity, ref: string): Promise<ReportEntity> {
    const [column, value] = ownerOf(session);
    const rows = await this.dataSource.query<{ id: number | string }[]>(`SELECT id FROM reports WHERE report_no = ? AND ${column} = ?`, [
      ref,
      value,
    ]);
    const report = rows[0] ? await this.dataSource.getRepository(ReportEntity).findOneBy({ id: Number(rows[0].id) }) : null;
    if (!report) throw new DomainError('REPORT_NOT_FOUND');
    return report;
  }

  async view(session: ReporterSessionEntity, ref: string): Promise<ReportStatusView> {
    return this.reports.view(await this.find(session, ref));
  }
}

/** The column a session's reports are found by, and its value. */
function ownerOf(session: ReporterSessionEntity): ['reporter_account_id' | 'reporter_phone_hash', number | string] {
  if (session.accountId !== null) return ['reporter_account_id', session.accountId];
  if (session.phoneHash !== null) return ['reporter_phone_hash', session.phoneHash];
  // A session is opened for one or the other; a row with neither owns nothing.
  throw new DomainError('REPORTER_SESSION_EXPIRED');
}
