import { Injectable } from '@nestjs/common';
import type { MyReports as MyReportsPage, ReportStatusView } from '@mashang/shared';
import { DataSource, In } from 'typeorm';
import { DomainError } from '../../common/domain-error.js';
import { ReportEntity } from '../case/entities/report.entity.js';
import { ReportService } from '../case/report.service.js';
import type { ReporterSessionEntity } from './reporter.entities.js';

/**
 * 我的反映: the real-name reports of the signed-in reporter, those filed while signed in with WeChat
 * for a WeChat session, those filed in H5 giving the phone for a phone session. Nobody else's report is ever
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
    const [owned, value] = ownerOf(session);
    const [ids, counted] = await Promise.all([
      this.dataSource.query<{ id: number | string }[]>(
        `SELECT id FROM reports WHERE ${owned} ORDER BY received_at DESC, id DESC LIMIT ? OFFSET ?`,
        [value, limit, offset],
      ),
      this.dataSource.query<{ n: number | string }[]>(`SELECT COUNT(*) AS n FROM reports WHERE ${owned}`, [value]),
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
    const [owned, value] = ownerOf(session);
    const rows = await this.dataSource.query<{ id: number | string }[]>(`SELECT id FROM reports WHERE report_no = ? AND ${owned}`, [
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

/** What a phone proves: the reports filed in H5 with it. Not a WeChat account's, nor one staff registered from a letter, call or visit. */
const PHONE_OWNED = "channel = 'online' AND reporter_account_id IS NULL";

/** The condition a session's reports are found by, with one `?` for its value. */
function ownerOf(session: ReporterSessionEntity): [string, number | string] {
  if (session.accountId !== null) return ['reporter_account_id = ?', session.accountId];
  if (session.phoneHash !== null) return [`reporter_phone_hash = ? AND ${PHONE_OWNED}`, session.phoneHash];
  // A session is opened for one or the other; a row with neither owns nothing.
  throw new DomainError('REPORTER_SESSION_EXPIRED');
}
