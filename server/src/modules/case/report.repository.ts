import { Injectable } from '@nestjs/common';
import { REPORTER_DEADLINE_KINDS, type ReportRecord, type ReportStatus } from '@mashang/shared';
import { DataSource, type EntityManager, type EntityTarget, In, type ObjectLiteral, IsNull, LessThan, Not, type Repository } from 'typeorm';
import { ReportDeadlineEntity } from './entities/report-deadline.entity.js';
import { ReportEventEntity } from './entities/report-event.entity.js';
import { ReportEntity } from './entities/report.entity.js';
import type { DeadlineClock } from './report-view.js';

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
  /** The last report being stored on SQLite; the next waits for it. */
  private storing: Promise<unknown> = Promise.resolve();

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

  /**
   * Stores a report with the first event of its timeline and its first deadlines, or nothing, and
   * answers them as stored. One statement per table and nothing read back: a filing is acknowledged
   * only once this commits, so every round trip here is paid by each villager.
   */
  insert(
    report: NewReport,
    event: NewReportEvent,
    deadlines: NewDeadline[],
    alsoWrite?: (manager: EntityManager, stored: ReportEntity) => Promise<void>,
  ): Promise<{ report: ReportEntity; deadlines: DeadlineClock[] }> {
    return this.oneAtATimeOnSqlite(() =>
      this.dataSource.transaction(async (manager) => {
        // Every clock of a new report is open: the nearest staff deadline is its next due date (as refreshNextDue would find).
        const staffDue = deadlines.filter((d) => !REPORTER_DEADLINE_KINDS.includes(d.kind)).map((d) => d.dueOn);
        const stored = manager.create(ReportEntity, { ...report, nextDueOn: staffDue.length ? staffDue.sort()[0]! : null });
        stored.id = await insertRow(manager, ReportEntity, stored);
        await manager
          .createQueryBuilder()
          .insert()
          .into(ReportEventEntity)
          .values({ ...event, reportId: stored.id })
          .updateEntity(false)
          .execute();
        const clocks = deadlines.map((d) => ({ ...d, reportId: stored.id, metAt: null, cancelledAt: null }));
        if (clocks.length)
          await manager.createQueryBuilder().insert().into(ReportDeadlineEntity).values(clocks).updateEntity(false).execute();
        await alsoWrite?.(manager, stored);
        return { report: stored, deadlines: clocks };
      }),
    );
  }

  /**
   * SQLite has one connection, on which TypeORM nests transactions begun at once as savepoints of
   * one another, and they need not end in that order: new reports are stored one at a time there
   * (SQLite writes one at a time anyway). MySQL gives each its own connection.
   */
  private oneAtATimeOnSqlite<T>(work: () => Promise<T>): Promise<T> {
    if (this.dataSource.options.type === 'mysql') return work();
    const run = this.storing.then(work, work);
    this.storing = run.catch(() => undefined);
    return run;
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

/** Inserts one row without reading it back (TypeORM would, for its columns' defaults) and answers its generated id. */
async function insertRow<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, row: T): Promise<number> {
  const result = await manager.createQueryBuilder().insert().into(entity).values(row).updateEntity(false).execute();
  // MySQL answers its OK packet, SQLite the row id.
  const raw = result.raw as { insertId: number } | number | bigint;
  return Number(typeof raw === 'object' ? raw.insertId : raw);
}
