import { Injectable } from '@nestjs/common';
import type { ReportRecord, ReportStatus } from '@mashang/shared';
import { DataSource, type EntityManager, In, IsNull, LessThan, Not, type Repository } from 'typeorm';
import { ReportDeadlineEntity } from './entities/report-deadline.entity.js';
import { ReportEventEntity } from './entities/report-event.entity.js';
import { ReportEntity } from './entities/report.entity.js';
import { refreshNextDue } from './workflow/next-due.js';

const SET_ASIDE: ReportStatus[] = ['duplicate', 'invalid'];

export type NewReport = Omit<ReportEntity, 'id'>;
export type NewReportEvent = Omit<ReportEventEntity, 'id' | 'reportId'>;
export type NewDeadline = Omit<ReportDeadlineEntity, 'id' | 'reportId' | 'metAt' | 'cancelledAt'>;

/** The report aggregate: the report, its timeline and its deadlines. */
@Injectable()
export class ReportRepository {
  private readonly reports: Repository<ReportEntity>;
  private readonly events: Repository<ReportEventEntity>;
  private readonly deadlines: Repository<ReportDeadlineEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.reports = dataSource.getRepository(ReportEntity);
    this.events = dataSource.getRepository(ReportEventEntity);
    this.deadlines = dataSource.getRepository(ReportDeadlineEntity);
  }

  findByIdempotencyKeyHash(hash: string): Promise<ReportEntity | null> {
    return this.reports.findOneBy({ idempotencyKeyHash: hash });
  }

  findByQueryCodeHash(hash: string): Promise<ReportEntity | null> {
    return this.reports.findOneBy({ queryCodeHash: hash });
  }

  findByReportNo(reportNo: string): Promise<ReportEntity | null> {
    return this.reports.findOneBy({ reportNo });
  }

  /** Stores a report with the first event of its timeline and its first deadlines, or nothing. */
  insert(report: NewReport, event: NewReportEvent, deadlines: NewDeadline[]): Promise<ReportEntity> {
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.getRepository(ReportEntity).save(manager.create(ReportEntity, report));
      await manager.getRepository(ReportEventEntity).insert({ ...event, reportId: saved.id });
      if (deadlines.length) await manager.getRepository(ReportDeadlineEntity).insert(deadlines.map((d) => ({ ...d, reportId: saved.id })));
      await refreshNextDue(manager, saved.id);
      return saved;
    });
  }

  /** Runs a change of a report's state, timeline and deadlines as one transaction. */
  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  eventsOf(reportId: number): Promise<ReportEventEntity[]> {
    return this.events.find({ where: { reportId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The events a reporter may read, oldest first. */
  publicEventsOf(reportId: number): Promise<ReportEventEntity[]> {
    return this.events.find({ where: { reportId, publicText: Not(IsNull()) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  deadlinesOf(reportId: number): Promise<ReportDeadlineEntity[]> {
    return this.deadlines.find({ where: { reportId }, order: { startedAt: 'ASC', id: 'ASC' } });
  }

  /** A village's record: received, answered, and answered without any deadline missed. */
  /** The village's public record as it stood at `before` (the start of a day): what arrived and was answered earlier. */
  async recordOf(villageCode: string, before: Date): Promise<Omit<ReportRecord, 'asOf'>> {
    // Reports set aside as 重复 or 无效 are no part of the village's record: a flood must not inflate it.
    const counted = Not(In(SET_ASIDE));
    const [received, answered, answeredOnTime] = await Promise.all([
      this.reports.countBy({ villageCode, status: counted, receivedAt: LessThan(before) }),
      this.reports.countBy({ villageCode, status: counted, answeredAt: LessThan(before) }),
      this.reports.countBy({ villageCode, status: counted, answeredAt: LessThan(before), missedDeadline: 0 }),
    ]);
    return { received, answered, answeredOnTime };
  }
}
