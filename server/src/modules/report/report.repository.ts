import { Injectable } from '@nestjs/common';
import type { ReportRecord } from '@mashang/shared';
import { DataSource, IsNull, Not, QueryFailedError, type Repository } from 'typeorm';
import { chinaDate } from '../calendar/china-date.js';
import { ReportEventEntity } from './report-event.entity.js';
import { ReportEntity } from './report.entity.js';

export type NewReport = Omit<ReportEntity, 'id'>;
export type NewReportEvent = Omit<ReportEventEntity, 'id' | 'reportId'>;

/** True when an insert lost a race on a unique column (the same submission arriving twice). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string } | undefined)?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

@Injectable()
export class ReportRepository {
  private readonly reports: Repository<ReportEntity>;
  private readonly events: Repository<ReportEventEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.reports = dataSource.getRepository(ReportEntity);
    this.events = dataSource.getRepository(ReportEventEntity);
  }

  findByIdempotencyKeyHash(hash: string): Promise<ReportEntity | null> {
    return this.reports.findOneBy({ idempotencyKeyHash: hash });
  }

  findByQueryCodeHash(hash: string): Promise<ReportEntity | null> {
    return this.reports.findOneBy({ queryCodeHash: hash });
  }

  /** Stores a report together with the first event of its timeline, or neither. */
  insertWithEvent(report: NewReport, event: NewReportEvent): Promise<ReportEntity> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(ReportEntity).save(manager.create(ReportEntity, report));
      await manager.getRepository(ReportEventEntity).insert({ ...event, reportId: saved.id });
      return saved;
    });
  }

  /** The events a reporter may read, oldest first. */
  publicEventsOf(reportId: number): Promise<ReportEventEntity[]> {
    return this.events.find({ where: { reportId, publicText: Not(IsNull()) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async recordOf(villageCode: string): Promise<ReportRecord> {
    const [received, answeredRows] = await Promise.all([
      this.reports.countBy({ villageCode }),
      this.reports.find({
        select: { answeredAt: true, acceptanceDueOn: true },
        where: { villageCode, answeredAt: Not(IsNull()) },
      }),
    ]);
    const answeredOnTime = answeredRows.filter((r) => r.answeredAt && chinaDate(r.answeredAt) <= r.acceptanceDueOn).length;
    return { received, answered: answeredRows.length, answeredOnTime };
  }
}
