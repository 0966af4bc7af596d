import { Injectable } from '@nestjs/common';
import { REPORTER_DEADLINE_KINDS, type ReportRecord, type ReportStatus } from '@mashang/shared';
import {
  DataSource,
  type EntityManager,
  type EntityTarget,
  In,
  type ObjectLiteral,
  IsNull,
  LessThan,
  Not,
  type QueryRunner,
  type Repository,
} from 'typeorm';
import { RoundTripBatch } from '../../database/round-trip-batch.js';
import { ReportDeadlineEntity } from './entities/report-deadline.entity.js';
import { ReportEventEntity } from './entities/report-event.entity.js';
import { ReportEntity } from './entities/report.entity.js';
import type { DeadlineClock } from './report-view.js';
import { GroupCommit } from './group-commit.js';

const SET_ASIDE: ReportStatus[] = ['duplicate', 'invalid'];

export type NewReport = Omit<ReportEntity, 'id'>;
export type NewReportEvent = Omit<ReportEventEntity, 'id' | 'reportId'>;
export type NewDeadline = Omit<ReportDeadlineEntity, 'id' | 'reportId' | 'metAt' | 'cancelledAt'>;

interface NewFiling {
  report: NewReport;
  event: NewReportEvent;
  deadlines: NewDeadline[];
  alsoWrite?: (manager: EntityManager, stored: ReportEntity) => Promise<void>;
}
type StoredFiling = { report: ReportEntity; deadlines: DeadlineClock[] };

/**
 * Filings committed together at most, and shared transactions open at once. One at a time: the hooks
 * of two open batches would take rows (a township's figure slots, say) in orders that can deadlock,
 * and while one commits the next gathers every filing that arrives meanwhile.
 */
const GROUP_COMMIT = { maxBatch: 50, maxInFlight: 1 };

/** The report aggregate: the report, its timeline and its deadlines. */
@Injectable()
export class ReportRepository {
  private readonly reports: Repository<ReportEntity>;
  private readonly events: Repository<ReportEventEntity>;
  private readonly deadlines: Repository<ReportDeadlineEntity>;
  /** The last report being stored on SQLite; the next waits for it. */
  private storing: Promise<unknown> = Promise.resolve();
  /** New reports on their way to a shared commit (MySQL). */
  private readonly intake = new GroupCommit<NewFiling, StoredFiling>((filings) => this.insertMany(filings), GROUP_COMMIT);
  /** Idempotency-key look-ups that share a round trip. */
  private readonly byKeyHash = new RoundTripBatch<string, ReportEntity>(async (hashes) => {
    const found = await this.reports.findBy({ idempotencyKeyHash: In(hashes) });
    return new Map(found.map((r) => [r.idempotencyKeyHash, r]));
  });

  constructor(private readonly dataSource: DataSource) {
    this.reports = dataSource.getRepository(ReportEntity);
    this.events = dataSource.getRepository(ReportEventEntity);
    this.deadlines = dataSource.getRepository(ReportDeadlineEntity);
  }

  /** The report filed under this idempotency key, if any; look-ups arriving together share one query. */
  async findByIdempotencyKeyHash(hash: string): Promise<ReportEntity | null> {
    return (await this.byKeyHash.get(hash)) ?? null;
  }

  findByQueryCodeHash(hash: string): Promise<ReportEntity | null> {
    return this.reports.findOneBy({ queryCodeHash: hash });
  }

  findByReportNo(reportNo: string): Promise<ReportEntity | null> {
    return this.reports.findOneBy({ reportNo });
  }

  /**
   * Stores a report with the first event of its timeline and its first deadlines, or nothing, and
   * answers them as stored; `alsoWrite` runs in the same transaction once the report row exists. A
   * filing is acknowledged only once this commits, so every round trip here is paid by each villager:
   * on MySQL filings that arrive together share one transaction and one commit (see GroupCommit),
   * written with one multi-row statement per table; on SQLite they go one at a time.
   */
  insert(
    report: NewReport,
    event: NewReportEvent,
    deadlines: NewDeadline[],
    alsoWrite?: (manager: EntityManager, stored: ReportEntity) => Promise<void>,
  ): Promise<{ report: ReportEntity; deadlines: DeadlineClock[] }> {
    const filing = { report, event, deadlines, alsoWrite };
    if (this.dataSource.options.type === 'mysql') return this.intake.add(filing);
    return this.oneAtATimeOnSqlite(() => this.dataSource.transaction((manager) => this.insertOne(manager, filing)));
  }

  private async insertOne(manager: EntityManager, { report, event, deadlines, alsoWrite }: NewFiling): Promise<StoredFiling> {
    const stored = this.newReportRow(report, deadlines);
    stored.id = await insertRow(manager, ReportEntity, stored);
    await manager
      .createQueryBuilder()
      .insert()
      .into(ReportEventEntity)
      .values({ ...event, reportId: stored.id })
      .updateEntity(false)
      .execute();
    const clocks = deadlines.map((d) => ({ ...d, reportId: stored.id, metAt: null, cancelledAt: null }));
    if (clocks.length) await manager.createQueryBuilder().insert().into(ReportDeadlineEntity).values(clocks).updateEntity(false).execute();
    await alsoWrite?.(manager, stored);
    return { report: stored, deadlines: clocks };
  }

  /**
   * Stores filings in one MySQL transaction: one INSERT per table for all of them, then each one's
   * `alsoWrite` in the order they came, then one COMMIT. Any failure rolls all of it back.
   */
  private async insertMany(filings: NewFiling[]): Promise<StoredFiling[]> {
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      const stored = filings.map((f) => this.newReportRow(f.report, f.deadlines));
      const insertId = await insertRows(runner, ReportEntity, stored);
      if (stored.length === 1) stored[0]!.id = insertId;
      else {
        // Ids of one multi-row INSERT are consecutive only under some auto-increment lock modes: read them back.
        const hashes = stored.map((r) => r.idempotencyKeyHash);
        const rows = (await runner.query(
          `SELECT id, idempotency_key_hash AS hash FROM reports WHERE idempotency_key_hash IN (${hashes.map(() => '?').join(', ')})`,
          hashes,
        )) as Array<{ id: number; hash: string }>;
        const ids = new Map(rows.map((r) => [r.hash, Number(r.id)]));
        for (const r of stored) r.id = ids.get(r.idempotencyKeyHash)!;
      }
      await insertRows(
        runner,
        ReportEventEntity,
        filings.map((f, i) => ({ ...f.event, reportId: stored[i]!.id })),
      );
      const clocks = filings.map((f, i) => f.deadlines.map((d) => ({ ...d, reportId: stored[i]!.id, metAt: null, cancelledAt: null })));
      if (clocks.flat().length) await insertRows(runner, ReportDeadlineEntity, clocks.flat());
      for (const [i, f] of filings.entries()) await f.alsoWrite?.(runner.manager, stored[i]!);
      await runner.commitTransaction();
      return stored.map((report, i) => ({ report, deadlines: clocks[i]! }));
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw error;
    } finally {
      await runner.release();
    }
  }

  private newReportRow(report: NewReport, deadlines: NewDeadline[]): ReportEntity {
    // Every clock of a new report is open: the nearest staff deadline is its next due date (as refreshNextDue would find).
    const staffDue = deadlines.filter((d) => !REPORTER_DEADLINE_KINDS.includes(d.kind)).map((d) => d.dueOn);
    return this.reports.create({ ...report, nextDueOn: staffDue.length ? staffDue.sort()[0]! : null });
  }

  /**
   * SQLite has one connection, on which TypeORM nests transactions begun at once as savepoints of
   * one another, and they need not end in that order: new reports are stored one at a time there
   * (SQLite writes one at a time anyway). MySQL gives each its own connection.
   */
  private oneAtATimeOnSqlite<T>(work: () => Promise<T>): Promise<T> {
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

/**
 * Inserts rows in one statement on the runner's connection, with the values TypeORM would write for
 * them (transformers, JSON, dates), and answers the first generated id (MySQL's insertId).
 */
async function insertRows(runner: QueryRunner, entity: EntityTarget<ObjectLiteral>, rows: ObjectLiteral[]): Promise<number> {
  const { driver } = runner.connection;
  const metadata = runner.connection.getMetadata(entity);
  const columns = metadata.columns.filter((c) => c.isInsert && !c.isGenerated);
  const parameters: unknown[] = [];
  const values = rows.map((row) => {
    const cells = columns.map((column) => {
      const value: unknown = driver.preparePersistentValue(column.getEntityValue(row), column);
      if (value === undefined) return 'DEFAULT';
      parameters.push(value);
      return '?';
    });
    return `(${cells.join(', ')})`;
  });
  const names = columns.map((c) => driver.escape(c.databaseName)).join(', ');
  const result = (await runner.query(
    `INSERT INTO ${driver.escape(metadata.tableName)} (${names}) VALUES ${values.join(', ')}`,
    parameters,
  )) as { insertId: number | string };
  return Number(result.insertId);
}

/** Inserts one row without reading it back (TypeORM would, for its columns' defaults) and answers its generated id. */
async function insertRow<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, row: T): Promise<number> {
  const result = await manager.createQueryBuilder().insert().into(entity).values(row).updateEntity(false).execute();
  // MySQL answers its OK packet, SQLite the row id.
  const raw = result.raw as { insertId: number } | number | bigint;
  return Number(typeof raw === 'object' ? raw.insertId : raw);
}
