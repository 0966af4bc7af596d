import { Injectable } from '@nestjs/common';
import { DUE_DATE_KINDS, REPORTER_DEADLINE_KINDS, SATISFIED_RATINGS, type ReportCategory, type ReportStatus } from '@mashang/shared';
import { DataSource, type EntityManager, In, IsNull, type ObjectLiteral, type Repository, type SelectQueryBuilder } from 'typeorm';
import { ReportEventEntity } from './entities/report-event.entity.js';
import { ReportEntity } from './entities/report.entity.js';
import { type AlertKind, CaseAlertEntity } from './entities/case-alert.entity.js';
import { CaseTransferEntity } from './entities/case-transfer.entity.js';
import { ReportDeadlineEntity } from './entities/report-deadline.entity.js';
import { isReporterClock } from './report-view.js';
import { refreshNextDue } from './workflow/next-due.js';
import { applyReportChange, countedColumnsOf } from './figures/figures-rollup.js';

/** Reports received in a China-date range, both ends inclusive; either end may be open. */
export interface ReceivedRange {
  from?: string;
  to?: string;
}

/** One township's counts, straight from `GROUP BY`. */
export interface TownshipCounts {
  township: string;
  received: number;
  duplicates: number;
  invalid: number;
  answered: number;
  answeredOnTime: number;
  rated: number;
  ratedByCallback: number;
  satisfied: number;
  overdueNow: number;
  acceptanceDecided: number;
  acceptedOnTime: number;
}

const SET_ASIDE: readonly ReportStatus[] = ['duplicate', 'invalid'];
/** Reports counted as received: not set aside as 重复 or 无效 (needs the `setAside` parameter). */
const KEPT = 'r.status NOT IN (:...setAside)';

/** An open staff deadline the sweep looks at, with its report's place and level. */
export interface DueDeadline {
  id: number;
  reportId: number;
  kind: ReportDeadlineEntity['kind'];
  dueOn: string;
  villageCode: string;
  handlingCode: string | null;
  level: ReportEntity['level'];
}
/** The columns a list of cases shows: never the report's text or the reporter's identity. */
const SUMMARY_COLUMNS = [
  'id',
  'reportNo',
  'villageCode',
  'category',
  'track',
  'mode',
  'status',
  'receivedAt',
  'level',
  'escalated',
  'assigneeId',
  'handlingCode',
  'nextDueOn',
] as const satisfies readonly (keyof ReportEntity)[];

/** The UTC instant a China date begins (UTC+8, no daylight saving), as the databases store datetimes. */
const chinaDayStart = (date: string): string => new Date(Date.parse(`${date}T00:00:00+08:00`)).toISOString().slice(0, 23).replace('T', ' ');
const nextDay = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

export interface CaseFilter {
  regionCode: string;
  statuses?: ReportStatus[];
  village?: string;
  category?: ReportCategory;
}

/** A 督办 to the township handling the case now is open: kept on the row by `refreshNextDue`, from its clock. */
const OPEN_SUPERVISION = 'r.supervision_due_on IS NOT NULL';
/** No 督办 went to the township handling the case now (answered or not), or the open one is past its date. */
const UNSUPERVISED_OR_LATE = '(r.supervised_here = 0 OR r.supervision_due_on < :todoToday)';

/**
 * 待办: the cases that wait on this level. The township: a case it still handles (not one sent up,
 * which it only reads) that is not answered and waiting on the reporter's rating, unless a staff
 * clock runs on it, or with a 督办 to answer. The county: its own such cases, an extension to decide,
 * and a township's case it may press (督办 or 催办: escalated, or overdue today) unless it already
 * 督办ed the township handling it, when only a 督办 the township let run past its date brings it back.
 * Every column read is on the report row and in IDX_reports_status_village, so a region's 待办 is
 * counted from that index alone, without reading a row or a 督办.
 */
function waitingOn(level: ReportEntity['level'], today: string): [string, Record<string, unknown>] {
  const ours = `(r.level = :todoLevel AND (r.status IN (:...todoWorking) OR r.next_due_on IS NOT NULL))`;
  const params = { todoLevel: level, todoWorking: ['submitted', 'accepted', 'concluded', 'under_review'], todoToday: today };
  if (level === 'township') return [`(${ours} OR (r.level = 'township' AND ${OPEN_SUPERVISION}))`, params];
  return [
    `(${ours} OR r.extension_requested_days IS NOT NULL` +
      ` OR (r.level = 'township' AND (r.escalated = 1 OR r.next_due_on < :todoToday) AND ${UNSUPERVISED_OR_LATE}))`,
    params,
  ];
}

/** The inbox counts the cases that match in steps of this many (see `page`). */
export const COUNTED_STEP = 10_000;

/** Staff-side reads across cases: always scoped to a region prefix. */
@Injectable()
export class CaseRepository {
  private readonly reports: Repository<ReportEntity>;
  private readonly deadlines: Repository<ReportDeadlineEntity>;
  private readonly alerts: Repository<CaseAlertEntity>;
  private readonly events: Repository<ReportEventEntity>;

  constructor(private readonly dataSource: DataSource) {
    this.reports = dataSource.getRepository(ReportEntity);
    this.deadlines = dataSource.getRepository(ReportDeadlineEntity);
    this.alerts = dataSource.getRepository(CaseAlertEntity);
    this.events = dataSource.getRepository(ReportEventEntity);
  }

  /**
   * One page of the region's cases, most urgent first, all in SQL: the nearest open deadline
   * (overdue the longest first), cases without one last, then the newest. Nothing is left out:
   * every case is on some page. `total` counts them up to the next multiple of COUNTED_STEP past
   * the page (`totalCapped`: more match than that).
   */
  async page(
    filter: CaseFilter & { overdueBefore?: string; todoFor?: { level: ReportEntity['level']; today: string } },
    offset: number,
    limit: number,
  ): Promise<{ items: ReportEntity[]; total: number; totalCapped: boolean }> {
    const query = this.reports.createQueryBuilder('r');
    if (filter.regionCode.length === 9) {
      // A township's cases are the ones it handles, whichever village they came from.
      query.where('r.handling_code = :township', { township: filter.regionCode });
      if (filter.village) query.andWhere('r.village_code = :village', { village: filter.village });
    } else {
      const prefix = filter.village?.startsWith(filter.regionCode) ? filter.village : filter.regionCode;
      query.where('r.village_code LIKE :prefix', { prefix: `${prefix}%` });
    }
    if (filter.statuses) query.andWhere('r.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.category) query.andWhere('r.category = :category', { category: filter.category });
    if (filter.overdueBefore) query.andWhere('r.next_due_on < :today', { today: filter.overdueBefore });
    if (filter.todoFor) query.andWhere(...waitingOn(filter.todoFor.level, filter.todoFor.today));
    // Counted up to a round number past the page: beyond it the answer says "more than", so a county's
    // hundred thousand open cases cost no more to count than ten thousand. Paging on counts further.
    const countedUpTo = (Math.floor((offset + limit) / COUNTED_STEP) + 1) * COUNTED_STEP;
    const counting = this.countUpTo(query, countedUpTo);
    // Cases with a due date, then those without: two queries. The dated ones (open cases) of a whole region
    // are read in the order of an urgency index, which MariaDB's planner passes over for a township unless
    // told. A village's or a category's are a few among them: the counting index holds every column they
    // are filtered and sorted on, so the planner sorts those few from it instead of walking the urgency order.
    const urgency = filter.regionCode.length === 9 ? ['IDX_reports_handling_urgency'] : ['IDX_reports_urgency'];
    const wholeRegion = !filter.category && !filter.village;
    const pageOf = (due: 'IS NOT NULL' | 'IS NULL', skip: number, take: number) =>
      (due === 'IS NOT NULL' && wholeRegion ? query.clone().useIndex(urgency) : query.clone())
        .andWhere(`r.next_due_on ${due}`)
        .orderBy('r.next_due_on', 'ASC')
        .addOrderBy('r.received_at', 'DESC')
        .addOrderBy('r.id', 'DESC')
        .select(SUMMARY_COLUMNS.map((c) => `r.${c}`))
        .offset(skip)
        .limit(take)
        .getMany();
    // The first page is read while the cases are counted (on MySQL, on another connection): it starts
    // with the dated cases whatever their number. A later page starts where the dated cases end, if it
    // reaches that far: they are counted as far as the page goes.
    const [total, dated, first] = await Promise.all([
      counting,
      offset === 0 ? 0 : this.countUpTo(query.clone().andWhere('r.next_due_on IS NOT NULL'), offset + limit),
      offset === 0 ? pageOf('IS NOT NULL', 0, limit) : null,
    ]);
    const items = first ?? (offset < dated ? await pageOf('IS NOT NULL', offset, limit) : []);
    if (items.length < limit) items.push(...(await pageOf('IS NULL', Math.max(0, offset - dated), limit - items.length)));
    return { items, total: Math.min(total, countedUpTo), totalCapped: total > countedUpTo };
  }

  /** How many rows the query matches, counting no further than `cap` + 1 (each from the index it filters on, when it can). */
  private async countUpTo(query: SelectQueryBuilder<ReportEntity>, cap: number): Promise<number> {
    const [matching, parameters] = query
      .clone()
      .select('r.id', 'id')
      .limit(cap + 1)
      .getQueryAndParameters();
    const [row] = await this.dataSource.query<{ n: string | number }[]>(`SELECT COUNT(*) AS n FROM (${matching}) m`, parameters);
    return Number(row?.n ?? 0);
  }

  openDeadlinesOf(reportIds: number[]): Promise<ReportDeadlineEntity[]> {
    if (!reportIds.length) return Promise.resolve([]);
    return this.deadlines.find({ where: { reportId: In(reportIds), metAt: IsNull(), cancelledAt: IsNull() }, order: { dueOn: 'ASC' } });
  }

  openProvisionalDeadlines(): Promise<ReportDeadlineEntity[]> {
    return this.deadlines.findBy({ provisional: 1, metAt: IsNull(), cancelledAt: IsNull() });
  }

  /** Fixes a provisional date; false when another instance already did (then it wrote the event). */
  async settleDeadline(deadline: ReportDeadlineEntity, dueOn: string, at: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      // The report row first, as every other writer of its clocks takes it: otherwise refreshNextDue could
      // read the clocks before a 督办 committed meanwhile and then write over what that 督办 set.
      if (manager.connection.options.type === 'mysql')
        await manager.query('SELECT id FROM reports WHERE id = ? FOR UPDATE', [deadline.reportId]);
      const changed = await manager.update(ReportDeadlineEntity, { id: deadline.id, provisional: 1 }, { dueOn, provisional: 0 });
      if (changed.affected !== 1) return false;
      if (dueOn === deadline.dueOn) return true;
      await refreshNextDue(manager, deadline.reportId);
      await manager.insert(ReportEventEntity, {
        reportId: deadline.reportId,
        type: 'recalculated',
        actor: 'system',
        // The reporter is told when a date they were shown as provisional changed.
        publicText: isReporterClock(deadline.kind)
          ? `${DUE_DATE_KINDS[deadline.kind]}期限已由${deadline.dueOn}（预计）调整为${dueOn}`
          : null,
        internalText: `节假日安排已录入，期限由${deadline.dueOn}（预计）调整为${dueOn}`,
        createdAt: at,
      });
      return true;
    });
  }

  /** The transfers a township made, newest first, with only the report's number. */
  async transfersFrom(township: string): Promise<{ transfer: CaseTransferEntity; reportNo: string }[]> {
    const transfers = await this.dataSource
      .getRepository(CaseTransferEntity)
      .find({ where: { fromCode: township }, order: { createdAt: 'DESC', id: 'DESC' }, take: 500 });
    const reports = await this.findReports(transfers.map((t) => t.reportId));
    return transfers.map((transfer) => ({ transfer, reportNo: reports.find((r) => r.id === transfer.reportId)?.reportNo ?? '' }));
  }

  findReports(ids: number[]): Promise<ReportEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.reports.findBy({ id: In(ids) });
  }

  /**
   * Alerts addressed to the region, on deadlines still open: reminders and overdue flags while the
   * region's level handles the case, escalations to the county. One line per deadline: the latest
   * (an overdue flag replaces its reminder).
   */
  async openAlerts(
    regionCode: string,
    level: ReportEntity['level'],
  ): Promise<{ alert: CaseAlertEntity; deadline: ReportDeadlineEntity; report: ReportEntity }[]> {
    const all = await this.alerts
      .createQueryBuilder('a')
      .innerJoin(ReportDeadlineEntity, 'd', 'd.id = a.deadline_id AND d.due_on = a.due_on AND d.met_at IS NULL AND d.cancelled_at IS NULL')
      .innerJoin(ReportEntity, 'r', 'r.id = a.report_id')
      .where('a.region_code = :regionCode', { regionCode })
      .andWhere("(a.kind = 'escalated' OR r.level = :level)", { level })
      // A township hears nothing more of a case it transferred away.
      .andWhere(level === 'township' ? 'r.handling_code = :regionCode' : '1 = 1', { regionCode })
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .getMany();
    const seen = new Set<number>();
    const rows = all.filter((a) => !seen.has(a.deadlineId) && seen.add(a.deadlineId));
    const [deadlines, reports] = await Promise.all([
      this.deadlines.findBy({ id: In(rows.map((a) => a.deadlineId).concat(0)) }),
      this.reports.findBy({ id: In(rows.map((a) => a.reportId).concat(0)) }),
    ]);
    return rows.map((alert) => ({
      alert,
      deadline: deadlines.find((d) => d.id === alert.deadlineId)!,
      report: reports.find((r) => r.id === alert.reportId)!,
    }));
  }

  /**
   * Raises an alert and applies what comes with it, all or nothing. Answers false when another
   * sweep raised the same alert first (the unique index refused this one) and nothing was done.
   */
  async raiseAlert(
    alert: Omit<CaseAlertEntity, 'id'>,
    flags: Partial<Pick<ReportEntity, 'missedDeadline' | 'escalated'>>,
    internalText: string | null,
  ): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      // The unique (deadline, kind, last day) decides which sweep raises it; the others insert nothing.
      const [sql, parameters] = manager
        .createQueryBuilder()
        .insert()
        .into(CaseAlertEntity)
        .values(alert)
        .orIgnore()
        .getQueryAndParameters();
      const inserted = await manager.queryRunner!.query(sql, parameters, true);
      if (inserted.affected !== 1) return false;
      if (flags.escalated) await manager.update(ReportEntity, { id: alert.reportId }, { escalated: flags.escalated });
      if (flags.missedDeadline) await this.markMissed(manager, alert.reportId);
      if (internalText) {
        await manager.insert(ReportEventEntity, {
          reportId: alert.reportId,
          type: 'escalated',
          actor: 'system',
          publicText: null,
          internalText,
          createdAt: alert.createdAt,
        });
      }
      return true;
    });
  }

  /**
   * Sets the case's missed-deadline flag and what it changes in the figures' rollup. A flag the case
   * already had changes nothing. The version moves on: a step that read the case before the flag would
   * count the case's figures from the row it read, so it is refused instead (as when any other step came first).
   */
  private async markMissed(manager: EntityManager, reportId: number): Promise<void> {
    const marked = await manager.update(
      ReportEntity,
      { id: reportId, missedDeadline: 0 },
      { missedDeadline: 1, version: () => 'version + 1' },
    );
    if (marked.affected !== 1) return;
    const after = await countedColumnsOf(manager, reportId);
    if (after) await applyReportChange(manager, reportId, { ...after, missedDeadline: 0 }, after);
  }

  /**
   * Each township's counts over the county's reports received in the range, by the township handling
   * them (a transferred case counts where it went), in one `GROUP BY` read from IDX_reports_figures alone.
   */
  async townshipCounts(townships: string[], range: ReceivedRange, today: string): Promise<TownshipCounts[]> {
    if (!townships.length) return [];
    const count = (condition: string) => `SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
    const rows = await this.handledBy(this.reports.createQueryBuilder('r'), townships, range)
      .select('r.handling_code', 'township')
      .addSelect(count(KEPT), 'received')
      .addSelect(count("r.status = 'duplicate'"), 'duplicates')
      .addSelect(count("r.status = 'invalid'"), 'invalid')
      .addSelect(count(`${KEPT} AND r.answered_at IS NOT NULL`), 'answered')
      .addSelect(count(`${KEPT} AND r.answered_at IS NOT NULL AND r.missed_deadline = 0`), 'answeredOnTime')
      .addSelect(count(`${KEPT} AND r.rating IS NOT NULL`), 'rated')
      .addSelect(count(`${KEPT} AND r.rating IS NOT NULL AND r.rated_by = 'callback'`), 'ratedByCallback')
      .addSelect(count(`${KEPT} AND r.rating IN (:...satisfied)`), 'satisfied')
      .addSelect(count(`${KEPT} AND r.next_due_on < :today`), 'overdueNow')
      .addSelect(count(`${KEPT} AND r.accepted_on_time IS NOT NULL`), 'acceptanceDecided')
      .addSelect(count(`${KEPT} AND r.accepted_on_time = 1`), 'acceptedOnTime')
      .setParameters({ setAside: SET_ASIDE, satisfied: SATISFIED_RATINGS, today })
      .groupBy('r.handling_code')
      .getRawMany<Record<string, string | number>>();
    const n = (value: string | number | undefined) => Number(value ?? 0);
    return rows.map((row) => ({
      township: String(row.township),
      received: n(row.received),
      duplicates: n(row.duplicates),
      invalid: n(row.invalid),
      answered: n(row.answered),
      answeredOnTime: n(row.answeredOnTime),
      rated: n(row.rated),
      ratedByCallback: n(row.ratedByCallback),
      satisfied: n(row.satisfied),
      overdueNow: n(row.overdueNow),
      acceptanceDecided: n(row.acceptanceDecided),
      acceptedOnTime: n(row.acceptedOnTime),
    }));
  }

  /**
   * How long answers took, per township, as counts per tenth of a day (the precision the figures
   * show): a few hundred rows however many reports, from which the median is read exactly.
   */
  async daysToAnswerHistogram(townships: string[], range: ReceivedRange): Promise<{ township: string; tenths: number; count: number }[]> {
    if (!townships.length) return [];
    // Rounded half up in whole milliseconds and integer division, as the rollup's `answerTenths` computes it.
    const tenths =
      this.dataSource.options.type === 'mysql'
        ? '(TIMESTAMPDIFF(MICROSECOND, r.received_at, r.answered_at) DIV 1000 + 4320000) DIV 8640000'
        : '(CAST(ROUND((julianday(r.answered_at) - julianday(r.received_at)) * 86400000) AS INTEGER) + 4320000) / 8640000';
    const rows = await this.handledBy(this.reports.createQueryBuilder('r'), townships, range)
      .select('r.handling_code', 'township')
      .addSelect(tenths, 'tenths')
      .addSelect('COUNT(*)', 'count')
      .andWhere(`${KEPT} AND r.answered_at IS NOT NULL`, { setAside: SET_ASIDE })
      .groupBy('r.handling_code')
      .addGroupBy('tenths')
      .getRawMany<{ township: string; tenths: string | number; count: string | number }>();
    return rows.map((r) => ({ township: r.township, tenths: Number(r.tenths), count: Number(r.count) }));
  }

  /**
   * Each township's cases received in the range and overdue today: all cases overdue (read from
   * IDX_reports_handling_urgency alone, which holds the due date and the date of receipt) less those
   * set aside (whose clocks all ended, so none in practice): reading each overdue case's status would
   * cost a row read apiece.
   */
  async overdueCounts(townships: string[], range: ReceivedRange, today: string): Promise<{ township: string; overdueNow: number }[]> {
    if (!townships.length) return [];
    const overdue = (setAside: boolean) => {
      const query = this.handledBy(this.reports.createQueryBuilder('r'), townships, range)
        .select('r.handling_code', 'township')
        .addSelect('COUNT(*)', 'overdueNow')
        .andWhere('r.next_due_on < :today', { today });
      if (setAside) query.andWhere('r.status IN (:...setAside)', { setAside: SET_ASIDE });
      return query.groupBy('r.handling_code').getRawMany<{ township: string; overdueNow: string | number }>();
    };
    const [all, setAside] = await Promise.all([overdue(false), overdue(true)]);
    return all.map((r) => ({
      township: String(r.township),
      overdueNow: Number(r.overdueNow) - Number(setAside.find((s) => s.township === r.township)?.overdueNow ?? 0),
    }));
  }

  /** The county's overdue cases received in the range, overdue the longest first, at most `limit`. */
  overdueCases(county: string, range: ReceivedRange, today: string, limit: number): Promise<ReportEntity[]> {
    return (
      this.receivedIn(this.reports.createQueryBuilder('r'), county, range)
        .select(SUMMARY_COLUMNS.map((c) => `r.${c}`))
        .andWhere(`${KEPT} AND r.next_due_on < :today`, { setAside: SET_ASIDE, today })
        // The inbox's order, read from IDX_reports_urgency: it stops at the limit instead of sorting them all.
        .orderBy('r.next_due_on', 'ASC')
        .addOrderBy('r.received_at', 'DESC')
        .addOrderBy('r.id', 'DESC')
        .limit(limit)
        .getMany()
    );
  }

  /**
   * Open staff deadlines the sweep may have to act on, with what it needs of their report, in one
   * query: due by `remindUntil` with no reminder yet, overdue with no overdue flag, or overdue since
   * `escalateUpTo` or before with no escalation. Alerts already raised leave a deadline out.
   */
  async dueForAlerts(today: string, remindUntil: string, escalateUpTo: string): Promise<DueDeadline[]> {
    const missing = (kind: AlertKind) =>
      `NOT EXISTS (SELECT 1 FROM case_alerts a WHERE a.deadline_id = d.id AND a.kind = '${kind}' AND a.due_on = d.due_on)`;
    // Deadlines alone (IDX_report_deadlines_open holds every column read), then their reports' places for
    // the few that are due: joining reports first would read a report row for every open deadline.
    const due = await this.deadlines
      .createQueryBuilder('d')
      .select(['d.id', 'd.reportId', 'd.kind', 'd.dueOn'])
      .where('d.met_at IS NULL AND d.cancelled_at IS NULL AND d.due_on <= :remindUntil', { remindUntil })
      .andWhere('d.kind NOT IN (:...own)', { own: REPORTER_DEADLINE_KINDS })
      .andWhere(
        `((d.due_on >= :today AND ${missing('due_soon')}) OR (d.due_on < :today AND ${missing('overdue')})` +
          ` OR (d.due_on <= :escalateUpTo AND ${missing('escalated')}))`,
        { today, escalateUpTo },
      )
      .orderBy('d.id')
      .getMany();
    const places = new Map<number, Pick<ReportEntity, 'villageCode' | 'handlingCode' | 'level'>>();
    const ids = [...new Set(due.map((d) => d.reportId))];
    for (let i = 0; i < ids.length; i += 1000) {
      const reports = await this.reports.find({
        select: { id: true, villageCode: true, handlingCode: true, level: true },
        where: { id: In(ids.slice(i, i + 1000)) },
      });
      for (const r of reports) places.set(r.id, r);
    }
    return due.flatMap((d) => {
      const place = places.get(d.reportId);
      if (!place) return [];
      return [
        {
          id: d.id,
          reportId: d.reportId,
          kind: d.kind,
          dueOn: d.dueOn,
          villageCode: place.villageCode,
          handlingCode: place.handlingCode,
          level: place.level,
        },
      ];
    });
  }

  /** Answered cases not yet filed away whose first reply went out before `answeredBefore`, oldest first. */
  answeredUnsettledBefore(answeredBefore: string): Promise<ReportEntity[]> {
    return this.reports
      .createQueryBuilder('r')
      .where("r.status = 'replied' AND r.answered_at < :answeredBefore", { answeredBefore: chinaDayStart(answeredBefore) })
      .orderBy('r.id')
      .getMany();
  }

  private receivedIn<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, county: string, range: ReceivedRange): SelectQueryBuilder<T> {
    query.where('r.village_code LIKE :prefix', { prefix: `${county}%` });
    return this.inRange(query, range);
  }

  /** Cases the townships handle (a transferred case where it went): one index range per township and the dates. */
  private handledBy<T extends ObjectLiteral>(
    query: SelectQueryBuilder<T>,
    townships: string[],
    range: ReceivedRange,
  ): SelectQueryBuilder<T> {
    query.where('r.handling_code IN (:...townships)', { townships });
    return this.inRange(query, range);
  }

  private inRange<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, range: ReceivedRange): SelectQueryBuilder<T> {
    if (range.from) query.andWhere('r.received_at >= :from', { from: chinaDayStart(range.from) });
    if (range.to) query.andWhere('r.received_at < :to', { to: chinaDayStart(nextDay(range.to)) });
    return query;
  }
}
