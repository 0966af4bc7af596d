import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { ReportEntity } from '../entities/report.entity.js';
import { ReportHooks } from '../workflow/report-hooks.js';
import {
  type AnswerDaysChange,
  changesBetween,
  type CountedReport,
  counterColumn,
  contributionOf,
  type CountsChange,
  FIGURE_COUNTERS,
  type FigureCounts,
} from './figure-contribution.js';
import { type MonthSpan, yearsAndMonths } from './received-months.js';

/**
 * Rows each township's month is spread over: every filing adds to a row of its township's month, and
 * a row is locked until the filing commits, so a busy township's filings would otherwise queue on one row.
 */
export const FIGURE_SLOTS = 8;

const COUNTED_COLUMNS = 'handling_code, received_at, status, answered_at, missed_deadline, rating, rated_by, accepted_on_time';
const COUNTER_COLUMNS = FIGURE_COUNTERS.map(counterColumn);

type Upsert = { sql: string; parameters: unknown[] };

/** The statement that adds to one row of a table keyed by `keys`, creating it at zero first when missing. */
function upsert(mysql: boolean, table: string, keys: string[], counters: string[], values: unknown[]): Upsert {
  const columns = [...keys, ...counters];
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
  const tail = mysql
    ? ` ON DUPLICATE KEY UPDATE ${counters.map((c) => `${c} = ${c} + VALUES(${c})`).join(', ')}`
    : ` ON CONFLICT (${keys.join(', ')}) DO UPDATE SET ${counters.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;
  return { sql: head + tail, parameters: values };
}

const isMysql = (manager: EntityManager) => manager.connection.options.type === 'mysql';

/** Adds the changes to the rollup, in the caller's transaction, one statement per bucket in key order. */
export async function applyFigureChanges(
  manager: EntityManager,
  changes: { counts: CountsChange[]; answerDays: AnswerDaysChange[] },
  slot: number,
): Promise<void> {
  const mysql = isMysql(manager);
  for (const c of changes.counts) {
    const { sql, parameters } = upsert(mysql, 'figures_township_months', ['township_code', 'month', 'slot'], COUNTER_COLUMNS, [
      c.township,
      c.month,
      slot,
      ...FIGURE_COUNTERS.map((k) => c.counts[k]),
    ]);
    await manager.query(sql, parameters);
  }
  for (const d of changes.answerDays) {
    const tenths = upsert(
      mysql,
      'figures_answer_tenths',
      ['township_code', 'tenths', 'period'],
      ['answered'],
      [d.township, d.tenths, d.period, d.answered],
    );
    await manager.query(tenths.sql, tenths.parameters);
    const days = upsert(
      mysql,
      'figures_answer_whole_days',
      ['township_code', 'period', 'days'],
      ['answered'],
      [d.township, d.period, Math.floor(d.tenths / 10), d.answered],
    );
    await manager.query(days.sql, days.parameters);
  }
}

/** Moves the rollup from one state of a report to another (null: the report did not / does not exist). */
export function applyReportChange(
  manager: EntityManager,
  reportId: number,
  before: CountedReport | null,
  after: CountedReport | null,
): Promise<void> {
  const changes = changesBetween(before && contributionOf(before), after && contributionOf(after));
  if (!changes.counts.length && !changes.answerDays.length) return Promise.resolve();
  return applyFigureChanges(manager, changes, reportId % FIGURE_SLOTS);
}

/** The counted columns of a report as stored now (locked by the caller's transaction when it wrote them). */
export async function countedColumnsOf(manager: EntityManager, reportId: number): Promise<CountedReport | null> {
  const rows: Record<string, unknown>[] = await manager.query(`SELECT ${COUNTED_COLUMNS} FROM reports WHERE id = ?`, [reportId]);
  const row = rows[0];
  if (!row) return null;
  // MySQL's driver answers a Date; SQLite the UTC text TypeORM stored.
  const date = (value: unknown): Date | null =>
    value === null || value === undefined ? null : value instanceof Date ? value : new Date(`${(value as string).replace(' ', 'T')}Z`);
  return {
    handlingCode: (row.handling_code as string | null) ?? null,
    receivedAt: date(row.received_at)!,
    status: row.status as ReportEntity['status'],
    answeredAt: date(row.answered_at),
    missedDeadline: Number(row.missed_deadline),
    rating: (row.rating as ReportEntity['rating']) ?? null,
    ratedBy: (row.rated_by as ReportEntity['ratedBy']) ?? null,
    acceptedOnTime: row.accepted_on_time === null || row.accepted_on_time === undefined ? null : Number(row.accepted_on_time),
  };
}

/** One township's counters summed over whole months. */
export interface TownshipMonthsCounts extends FigureCounts {
  township: string;
}

/**
 * The county figures' counters per township per month of receipt, kept exact in the transaction of
 * every write to a counted column: the filing (hook), each workflow step (hook: the report as the
 * step left it, against what it counted before) and the sweep's missed-deadline flag
 * (`CaseRepository.raiseAlert`). Migration 1765670400500 computed it for the reports before it.
 */
@Injectable()
export class FiguresRollup {
  /**
   * What each report counted before the step now running, per transaction: the step after it in one
   * transaction (a rating and the close it leads to) starts from the row as the first one left it,
   * including the verdicts that step wrote after the hook's `after` was made.
   */
  private readonly counted = new WeakMap<EntityManager, Map<number, CountedReport | null>>();

  constructor(
    hooks: ReportHooks,
    private readonly dataSource: DataSource,
  ) {
    hooks.register({
      filed: (manager, report) => applyReportChange(manager, report.id, null, report),
      stepped: async (manager, { before, after }) => {
        let seen = this.counted.get(manager);
        if (!seen) this.counted.set(manager, (seen = new Map<number, CountedReport | null>()));
        const was = seen.has(after.id) ? seen.get(after.id)! : before;
        const now = await countedColumnsOf(manager, after.id);
        seen.set(after.id, now);
        await applyReportChange(manager, after.id, was, now);
      },
    });
  }

  /** Counters per township over a span of months of receipt. */
  async countsOver(townships: string[], span: MonthSpan): Promise<TownshipMonthsCounts[]> {
    if (!townships.length) return [];
    const [where, parameters] = this.monthsWhere(townships, span.from, span.to);
    const rows: Record<string, string | number>[] = await this.dataSource.query(
      `SELECT township_code AS township, ${COUNTER_COLUMNS.map((c) => `SUM(${c}) AS ${c}`).join(', ')}` +
        ` FROM figures_township_months WHERE ${where} GROUP BY township_code`,
      parameters,
    );
    return rows.map(
      (row) =>
        ({
          township: String(row.township),
          ...Object.fromEntries(FIGURE_COUNTERS.map((k) => [k, Number(row[counterColumn(k)] ?? 0)])),
        }) as TownshipMonthsCounts,
    );
  }

  /** Answers per township per whole day to answer, over the months of receipt (years read whole where the span holds them). */
  async wholeDaysOver(townships: string[], span: MonthSpan): Promise<{ township: string; days: number; count: number }[]> {
    if (!townships.length) return [];
    const [periods, parameters] = this.periodsWhere(span);
    const rows: { township: string; days: string | number; count: string | number }[] = await this.dataSource.query(
      `SELECT township_code AS township, days, SUM(answered) AS count FROM figures_answer_whole_days` +
        ` WHERE township_code IN (${townships.map(() => '?').join(', ')}) AND (${periods})` +
        ' GROUP BY township_code, days HAVING SUM(answered) <> 0',
      [...townships, ...parameters],
    );
    return rows.map((r) => ({ township: String(r.township), days: Number(r.days), count: Number(r.count) }));
  }

  /**
   * Answers per township per tenth of a day to answer over the months of receipt, only on the days
   * asked for each township (the day the median falls on), or on every day when none are given.
   */
  async tenthsOver(
    townships: string[],
    span: MonthSpan,
    onDays?: Map<string, number[]>,
  ): Promise<{ township: string; tenths: number; count: number }[]> {
    const asked = onDays ? townships.flatMap((t) => (onDays.get(t) ?? []).map((day) => [t, day] as const)) : [];
    if (!townships.length || (onDays && !asked.length)) return [];
    const [periods, parameters] = this.periodsWhere(span);
    const [where, whereParameters] = onDays
      ? [
          asked.map(() => '(township_code = ? AND tenths BETWEEN ? AND ?)').join(' OR '),
          asked.flatMap(([t, day]) => [t, day * 10, day * 10 + 9]),
        ]
      : [`township_code IN (${townships.map(() => '?').join(', ')})`, townships];
    const rows: { township: string; tenths: string | number; count: string | number }[] = await this.dataSource.query(
      `SELECT township_code AS township, tenths, SUM(answered) AS count FROM figures_answer_tenths WHERE (${where}) AND (${periods})` +
        ' GROUP BY township_code, tenths HAVING SUM(answered) <> 0',
      [...whereParameters, ...parameters],
    );
    return rows.map((r) => ({ township: String(r.township), tenths: Number(r.tenths), count: Number(r.count) }));
  }

  /** The periods of a span of months: whole years by their year's rows, the other months by theirs. */
  private periodsWhere(span: MonthSpan): [string, string[]] {
    const { years, months } = yearsAndMonths(span);
    const conditions: string[] = [];
    const parameters: string[] = [];
    if (years) {
      // 'Y…' sorts after every 'M…': the years' rows are one range of the key.
      conditions.push('(period >= ? AND period <= ?)');
      parameters.push(`Y${years.from ?? ''}`, `Y${years.to ?? '9999'}`);
    }
    if (months.length) {
      conditions.push(`period IN (${months.map(() => '?').join(', ')})`);
      parameters.push(...months.map((m) => `M${m}`));
    }
    return [conditions.length ? conditions.join(' OR ') : '1 = 0', parameters];
  }

  private monthsWhere(townships: string[], fromMonth: string | null, toMonth: string | null): [string, unknown[]] {
    let where = `township_code IN (${townships.map(() => '?').join(', ')})`;
    const parameters: unknown[] = [...townships];
    if (fromMonth) {
      where += ' AND month >= ?';
      parameters.push(fromMonth);
    }
    if (toMonth) {
      where += ' AND month <= ?';
      parameters.push(toMonth);
    }
    return [where, parameters];
  }
}
