import { Injectable } from '@nestjs/common';
import {
  type CaseActionInput,
  countyCodeOf,
  type CaseDetail,
  type CaseMarkInput,
  RATINGS,
  type Rating,
  type CaseSummary,
  type ErrorCode,
  isStaffDuty,
  type OfflineReportSchema,
  REPORT_TRACKS,
  REPORT_TRACKS_PLAIN,
  type ReportCategory,
  type ReportReceipt,
  type ReportStatus,
} from '@mashang/shared';
import type { z } from 'zod';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { addCalendarDays, chinaDate, spokenDate } from '../calendar/china-date.js';
import { AuditService } from '../audit/audit.service.js';
import { DeadlineRulesService } from '../deadline/deadline-rules.service.js';
import { RegionRepository } from '../region/region.repository.js';
import { type WorkflowStep, CaseWorkflow } from './workflow/case-workflow.js';
import { ActionKeys } from './workflow/action-keys.js';
import { answerFacts, mayClose } from './workflow/contest.js';
import type { ReportEventEntity } from './entities/report-event.entity.js';
import { DataProtection } from '../../common/data-protection.js';
import type { ReportEntity } from './entities/report.entity.js';
import { ReportRepository } from './report.repository.js';
import { ReportService } from './report.service.js';
import type { StaffAccountEntity } from '../staff/staff-account.entity.js';
import { StaffRepository } from '../staff/staff.repository.js';
import { handlesCase, staffActionsFor } from './workflow/case-permissions.js';
import { CaseRepository } from './case.repository.js';
import { CaseView } from './case-view.js';
import { isReporterClock } from './report-view.js';
import { caseInJurisdiction, countyOf, fullCaseView, handlingTownshipOf, inJurisdiction } from './jurisdiction.js';
import type { ReportDeadlineEntity } from './entities/report-deadline.entity.js';
import { CaseSupervision } from './case-supervision.js';

export interface CaseListFilter {
  status?: ReportStatus;
  village?: string;
  category?: ReportCategory;
  overdue?: boolean;
  /** 待办: only cases waiting on the account's level. */
  todo?: boolean;
}

/** The latest date a county may set for the answer to a 督办: within a month. */
const SUPERVISION_MAX_DAYS = 30;

type OfflineReport = z.infer<typeof OfflineReportSchema>;

const OPEN_STATUSES: ReportStatus[] = ['submitted', 'accepted', 'concluded', 'replied', 'under_review'];
/** Reports that do not stand: a 重复 cannot point at one of them. */
const SET_ASIDE: ReportStatus[] = ['duplicate', 'invalid', 'declined'];

@Injectable()
export class CaseService {
  constructor(
    private readonly cases: CaseRepository,
    private readonly reports: ReportRepository,
    private readonly intake: ReportService,
    private readonly workflow: CaseWorkflow,
    private readonly keys: ActionKeys,
    private readonly rules: DeadlineRulesService,
    private readonly protection: DataProtection,
    private readonly staff: StaffRepository,
    private readonly regions: RegionRepository,
    private readonly audit: AuditService,
    private readonly view: CaseView,
    private readonly supervision: CaseSupervision,
    private readonly clock: Clock,
  ) {}

  /** Open cases unless a status is asked for, a page at a time, most urgent first: none is ever left out. */
  async list(
    account: StaffAccountEntity,
    filter: CaseListFilter,
    offset = 0,
    limit = 50,
  ): Promise<{ items: CaseSummary[]; total: number; totalCapped: boolean }> {
    const {
      items: reports,
      total,
      totalCapped,
    } = await this.cases.page(
      {
        regionCode: account.regionCode,
        ...filter,
        statuses: filter.status ? [filter.status] : OPEN_STATUSES,
        overdueBefore: filter.overdue ? chinaDate(this.clock.now()) : undefined,
        todoFor: filter.todo
          ? { level: account.role === 'county_supervisor' ? 'county' : 'township', today: chinaDate(this.clock.now()) }
          : undefined,
      },
      offset,
      limit,
    );
    const items = await this.view.summaries(reports, await this.cases.openDeadlinesOf(reports.map((r) => r.id)));
    return { items, total, totalCapped };
  }

  async get(account: StaffAccountEntity, reportNo: string): Promise<CaseDetail> {
    return this.detail(account, await this.visibleCase(account, reportNo));
  }

  async act(account: StaffAccountEntity, reportNo: string, input: CaseActionInput): Promise<CaseDetail> {
    const { idempotencyKey, ...action } = input;
    const key = idempotencyKey ? this.keys.of(`staff:${account.id}`, idempotencyKey, action) : null;
    // A retry of a step this account already took is answered even where that step (a transfer to
    // another township) took the case out of its jurisdiction: with the same last sight as the first answer.
    const found = key ? await this.reports.findByReportNo(reportNo) : null;
    // A key reused elsewhere is told only about a case the account can see: otherwise it answers as not found.
    const retried =
      key && found
        ? await this.keys.taken(key, found.id).catch((error: unknown) => {
            if (caseInJurisdiction(account, found)) throw error;
            return false;
          })
        : false;
    if (retried && found) return this.detail(account, found);
    const report = await this.visibleCase(account, reportNo);
    await this.keys.run(key, report.id, async () => {
      if (!(await this.actionsFor(account, report)).includes(input.action)) throw new DomainError(this.refusal(account, report, input));
      await this.workflow.apply(report, { actor: `staff:${account.id}`, key, ...(await this.stepFor(account, report, input)) });
    });
    // Read again: a retry answered after a copy that won shows what that copy did. The case may now
    // be another township's: `detail` then gives only the limited view.
    return this.detail(account, key ? ((await this.reports.findByReportNo(reportNo)) ?? report) : report);
  }

  /** 督办: an instruction to the township with the date by which it must answer (from tomorrow to 30 days on). */
  async supervise(account: StaffAccountEntity, reportNo: string, input: { text: string; dueOn: string; idempotencyKey?: string }) {
    // Checked when first taken only: a retry the next day of a 督办 due tomorrow is answered, not refused.
    return this.superviseStep(account, reportNo, 'supervise', input, (report, key) => {
      const today = chinaDate(this.clock.now());
      if (input.dueOn <= today || input.dueOn > addCalendarDays(today, SUPERVISION_MAX_DAYS)) {
        throw new DomainError('VALIDATION_FAILED', [{ field: 'body.dueOn', message: `回复期限须在明天到${SUPERVISION_MAX_DAYS}天后之间` }]);
      }
      return this.supervision.supervise(report, account.id, input, key);
    });
  }

  /** 催办: a dated reminder to the township on the timeline and in its alerts, with no clock. */
  async urge(account: StaffAccountEntity, reportNo: string, input: { text: string; idempotencyKey?: string }) {
    return this.superviseStep(account, reportNo, 'urge', input, (report, key) =>
      this.supervision.urge(report, account.id, input.text, key),
    );
  }

  /** The township's answer to the open 督办. */
  async answerSupervision(account: StaffAccountEntity, reportNo: string, input: { text: string; idempotencyKey?: string }) {
    return this.superviseStep(account, reportNo, 'answer', input, (report, key) =>
      this.supervision.answer(report, account.id, input.text, key),
    );
  }

  private async superviseStep(
    account: StaffAccountEntity,
    reportNo: string,
    action: CaseDetail['supervisionActions'][number],
    input: { idempotencyKey?: string },
    apply: (report: ReportEntity, key: ReturnType<ActionKeys['of']> | null) => Promise<void>,
  ): Promise<CaseDetail> {
    const { idempotencyKey, ...content } = input;
    const report = await this.visibleCase(account, reportNo);
    const key = idempotencyKey ? this.keys.of(`staff:${account.id}`, idempotencyKey, { reportNo, action, content }) : null;
    await this.keys.run(key, report.id, async () => {
      const allowed = await this.supervisionActionsFor(account, report);
      if (!allowed.includes(action))
        throw new DomainError(action === 'supervise' && allowed.includes('urge') ? 'SUPERVISION_PENDING' : 'ACTION_NOT_ALLOWED');
      await apply(report, key);
    });
    return this.detail(account, (await this.reports.findByReportNo(reportNo)) ?? report);
  }

  private async supervisionActionsFor(account: StaffAccountEntity, report: ReportEntity) {
    const [deadlines, rows] = await Promise.all([this.reports.deadlinesOf(report.id), this.supervision.of(report.id)]);
    return this.supervision.actionsFor(account, report, rows, deadlines, this.lateOrEscalated(report, deadlines));
  }

  /**
   * A rating the reporter gave on the county's callback (回访), recorded by a county account under
   * its own name: the township never rates its own work, nor the county an answer it gave itself;
   * an anonymous reporter cannot be called back.
   */
  async callbackRating(
    account: StaffAccountEntity,
    reportNo: string,
    input: { rating: Rating; note?: string; idempotencyKey?: string },
  ): Promise<CaseDetail> {
    const report = await this.visibleCase(account, reportNo);
    const { idempotencyKey, ...content } = input;
    const key = idempotencyKey ? this.keys.of(`staff:${account.id}`, idempotencyKey, { reportNo, callback: content }) : null;
    await this.keys.run(key, report.id, async () => {
      // The county never rates its own answer, and an anonymous reporter cannot be called back.
      if (
        account.role !== 'county_supervisor' ||
        report.level === 'county' ||
        report.mode === 'anonymous' ||
        report.status !== 'replied' ||
        report.rating
      ) {
        throw new DomainError('ACTION_NOT_ALLOWED');
      }
      await this.intake.applyRating(report, {
        action: 'rate',
        actor: `staff:${account.id}`,
        publicText: `县纪委回访，记录您对答复的评价：${RATINGS[input.rating]}`,
        internalText: `回访评价：${RATINGS[input.rating]}${input.note ? `（${input.note}）` : ''}`,
        changes: { rating: input.rating, ratingReasons: null, ratedBy: 'callback', ratedByAccount: account.id },
        key,
      });
    });
    return this.detail(account, await this.visibleCase(account, reportNo));
  }

  /**
   * Sets reports aside as 重复 or 无效, each as its own step (audited, its clocks ended, the reporter
   * told in plain words), so one that cannot be marked leaves the others marked. A 重复 names an
   * earlier report of the same township that the account can see.
   */
  async mark(
    account: StaffAccountEntity,
    input: CaseMarkInput,
  ): Promise<{ marked: string[]; refused: { reportNo: string; code: ErrorCode }[] }> {
    const original = input.mark === 'duplicate' ? await this.reports.findByReportNo(input.duplicateOf) : null;
    if (input.mark === 'duplicate' && (!original || !caseInJurisdiction(account, original))) {
      throw new DomainError('DUPLICATE_OF_INVALID');
    }
    const action = input.mark === 'duplicate' ? 'mark_duplicate' : 'mark_invalid';
    const marked: string[] = [];
    const refused: { reportNo: string; code: ErrorCode }[] = [];
    for (const reportNo of [...new Set(input.reportNos)]) {
      try {
        const report = await this.visibleCase(account, reportNo);
        const key = input.idempotencyKey
          ? this.keys.of(`staff:${account.id}`, `${input.idempotencyKey}:${reportNo}`, { ...input, reportNos: undefined, reportNo })
          : null;
        await this.keys.run(key, report.id, async () => {
          if (original) {
            // The original is the earlier of the two; on the same moment, the one received first (lower id).
            const later =
              original.receivedAt.getTime() > report.receivedAt.getTime() ||
              (original.receivedAt.getTime() === report.receivedAt.getTime() && original.id > report.id);
            if (original.id === report.id || handlingTownshipOf(original) !== handlingTownshipOf(report) || later) {
              throw new DomainError('DUPLICATE_OF_INVALID');
            }
            // A 重复 points at a report that stands, so none is merged into one set aside, nor two into each other.
            const current = await this.reports.findByReportNo(original.reportNo);
            if (!current || SET_ASIDE.includes(current.status)) throw new DomainError('DUPLICATE_OF_SET_ASIDE');
          }
          await this.mayMark(report);
          if (!(await this.actionsFor(account, report)).includes(action)) throw new DomainError('ACTION_NOT_ALLOWED');
          await this.workflow.apply(report, {
            action,
            actor: `staff:${account.id}`,
            key,
            alsoWrite: (manager) => this.audit.recordIn(manager, account.id, action, report.id),
            ...(original
              ? {
                  // The earlier report's number stays internal: it would tell this reporter when someone else reported.
                  publicText: '经核查，您反映的问题与此前收到的反映相同，已并入该件一并办理',
                  internalText: `标记为重复，并入${original.reportNo}${input.reason ? `：${input.reason}` : ''}`,
                  changes: { duplicateOfId: original.id },
                }
              : {
                  publicText: `经核查，本件不作为有效反映办理。理由：${input.reason}`,
                  internalText: `标记为无效：${input.reason}`,
                }),
          });
        });
        marked.push(reportNo);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refused.push({ reportNo, code: error.code });
      }
    }
    return { marked, refused };
  }

  /**
   * Shows a real-name reporter's identity to the level handling the case (township handler, or
   * the county once sent up, which also supervises), and records that it did before answering.
   */
  async reveal(account: StaffAccountEntity, reportNo: string): Promise<{ name: string; phone: string }> {
    const report = await this.visibleCase(account, reportNo);
    const handlesIt = account.role === 'county_supervisor' || (report.level === 'township' && account.role === 'township_handler');
    if (!handlesIt || report.mode !== 'real_name' || !report.reporterNameEnc || !report.reporterPhoneEnc)
      throw new DomainError('ACTION_NOT_ALLOWED');
    await this.audit.record(account.id, 'reveal_reporter', report.id);
    return { name: this.protection.decrypt(report.reporterNameEnc), phone: this.protection.decrypt(report.reporterPhoneEnc) };
  }

  async recordOffline(account: StaffAccountEntity, input: OfflineReport): Promise<ReportReceipt> {
    if (!inJurisdiction(account, input.villageCode)) throw new DomainError('VILLAGE_NOT_FOUND');
    const today = chinaDate(this.clock.now());
    if (input.receivedOn > today) {
      throw new DomainError('VALIDATION_FAILED', [{ field: 'body.receivedOn', message: '收到的日期不能晚于今天' }]);
    }
    if (input.receivedOn < addCalendarDays(today, -366)) {
      throw new DomainError('VALIDATION_FAILED', [{ field: 'body.receivedOn', message: '收到的日期不能早于一年前，请核对' }]);
    }
    const { channel, receivedOn, ...report } = input;
    // 09:00 in China on the day it arrived: the clock counts from that date.
    return this.intake.submit(report, { channel, receivedAt: new Date(`${receivedOn}T01:00:00Z`), recordedBy: account.id });
  }

  /**
   * One line per deadline (the latest alert raised on it), with its time left counted as on the case
   * page; a 督办 still open is listed to the township even before the sweep reminds of it, and to the
   * county once overdue; a township also reads each case's latest 催办, the county each answer to its 督办.
   */
  async alerts(account: StaffAccountEntity) {
    const county = account.role === 'county_supervisor';
    const today = chinaDate(this.clock.now());
    const [rows, supervisions, urges, answers] = await Promise.all([
      this.cases.openAlerts(account.regionCode, county ? 'county' : 'township'),
      this.supervision.openSupervisions(account.regionCode),
      county ? Promise.resolve([]) : this.supervision.urgesFor(account.regionCode),
      county ? this.supervision.answeredAlerts(account.regionCode) : Promise.resolve([]),
    ]);
    const alerted = new Set(rows.map((r) => r.deadline.id));
    const unalerted = supervisions.filter(({ deadline }) => !alerted.has(deadline.id) && (!county || today > deadline.dueOn));
    const reports = [...rows, ...unalerted, ...urges, ...answers].map((r) => r.report);
    const villages = await this.regions.findMany([...new Set(reports.map((r) => r.villageCode))]);
    const villageName = (report: ReportEntity) => villages.find((v) => v.code === report.villageCode)?.name ?? '';
    const due = (deadline: ReportDeadlineEntity, report: ReportEntity) =>
      this.view.timeLeft(
        {
          kind: deadline.kind,
          dueOn: deadline.dueOn,
          provisional: deadline.provisional === 1,
          metAt: null,
          overdue: today > deadline.dueOn,
        },
        report,
      );
    const items = [
      ...rows.map(({ alert, deadline, report }) => ({
        // A reminder whose day has passed before the sweep flagged it reads as the case page does: overdue.
        kind: alert.kind === 'due_soon' && today > deadline.dueOn ? ('overdue' as const) : alert.kind,
        report,
        deadline,
        note: null,
        at: alert.createdAt,
      })),
      ...unalerted.map(({ supervision, deadline, report }) => ({
        kind: today > deadline.dueOn ? ('overdue' as const) : ('supervised' as const),
        report,
        deadline,
        note: supervision.text,
        at: supervision.createdAt,
      })),
      ...urges.map(({ urge, report }) => ({ kind: 'urged' as const, report, deadline: null, note: urge.text, at: urge.createdAt })),
      ...answers.map(({ alert, supervision, report }) => ({
        kind: 'answered' as const,
        report,
        deadline: null,
        note: supervision.answerText,
        at: alert.createdAt,
      })),
    ].sort((a, b) => b.at.getTime() - a.at.getTime());
    return {
      items: items.map(({ kind, report, deadline, note, at }) => ({
        reportNo: report.reportNo,
        villageName: villageName(report),
        kind,
        deadline: deadline?.kind ?? null,
        due: deadline ? due(deadline, report) : null,
        note,
        at: at.toISOString(),
      })),
    };
  }

  async villages(account: StaffAccountEntity) {
    const villages = await this.regions.villagesUnder(account.regionCode);
    const townships = await this.regions.findMany([...new Set(villages.map((v) => v.parentCode ?? ''))]);
    return {
      items: villages.map((v) => ({
        code: v.code,
        name: v.name,
        townshipName: townships.find((t) => t.code === v.parentCode)?.name ?? '',
      })),
    };
  }

  /** The cases a township passed to another: all it keeps of them is this line. */
  async transfersOut(account: StaffAccountEntity) {
    const rows = await this.cases.transfersFrom(account.regionCode);
    const townships = await this.regions.findMany([...new Set(rows.map((r) => r.transfer.toCode))]);
    return {
      items: rows.map(({ transfer, reportNo }) => ({
        reportNo,
        toTownshipName: townships.find((t) => t.code === transfer.toCode)?.name ?? '',
        at: transfer.createdAt.toISOString(),
      })),
    };
  }

  /** Staff at or below the account's region who can take a case there. */
  /** Where a case of this account's county can be transferred: the county's townships but the account's own. */
  async townships(account: StaffAccountEntity) {
    const townships = await this.regions.childrenOf(countyCodeOf(account.regionCode));
    return {
      items: townships.filter((t) => t.code !== account.regionCode).map((t) => ({ code: t.code, name: t.name })),
    };
  }

  async handlers(account: StaffAccountEntity) {
    const accounts = (await this.staff.listInRegion(account.regionCode)).filter(
      (a) => !a.disabled && ['township_handler', 'county_supervisor'].includes(a.role),
    );
    const regions = await this.regions.findMany([...new Set(accounts.map((a) => a.regionCode))]);
    return {
      items: accounts.map((a) => ({
        id: a.id,
        displayName: a.displayName,
        regionName: regions.find((r) => r.code === a.regionCode)?.name ?? '',
      })),
    };
  }

  /**
   * Only a report not yet accepted, never escalated and with no duty overdue may be set aside: a
   * mark must never hide a real case the township let slide.
   */
  private async mayMark(report: ReportEntity): Promise<void> {
    if (report.status !== 'submitted') throw new DomainError('MARK_ALREADY_HANDLED');
    if (this.lateOrEscalated(report, await this.reports.deadlinesOf(report.id))) throw new DomainError('MARK_OVERDUE');
  }

  /** The case was escalated, missed a duty, or has one overdue now. */
  private lateOrEscalated(report: ReportEntity, deadlines: ReportDeadlineEntity[]): boolean {
    const today = chinaDate(this.clock.now());
    const overdue = deadlines.some((d) => !d.metAt && !d.cancelledAt && isStaffDuty(d.kind) && today > d.dueOn);
    return report.escalated === 1 || report.missedDeadline === 1 || overdue;
  }

  /** A case outside the jurisdiction answers exactly as one that does not exist. */
  private async visibleCase(account: StaffAccountEntity, reportNo: string): Promise<ReportEntity> {
    const report = await this.reports.findByReportNo(reportNo);
    if (!report || !caseInJurisdiction(account, report)) throw new DomainError('CASE_NOT_FOUND');
    return report;
  }

  private async detail(account: StaffAccountEntity, report: ReportEntity): Promise<CaseDetail> {
    const [deadlines, events] = await Promise.all([this.reports.deadlinesOf(report.id), this.reports.eventsOf(report.id)]);
    // Once a case went up, the township reads only what the reporter reads of it, never the county's
    // notes; a township that just transferred a case away gets this last answer, and nothing more to do.
    // Nor the county's assignee or the clocks between staff, and it has nothing left to do on it.
    if (fullCaseView(account, report)) {
      const rows = await this.supervision.of(report.id);
      return this.view.detail(report, deadlines, events, this.actionsGiven(account, report, deadlines, events), {
        supervisions: await this.view.supervisions(report, rows, deadlines),
        supervisionActions: this.supervision.actionsFor(account, report, rows, deadlines, this.lateOrEscalated(report, deadlines)),
      });
    }
    const seen = events.filter((e) => e.publicText).map((e) => ({ ...e, internalText: null }));
    return this.view.detail(
      { ...report, assigneeId: null },
      deadlines.filter((d) => isReporterClock(d.kind)),
      seen,
      [],
      undefined,
      { limited: true },
    );
  }

  /** The real reason an action is refused, where there is one more telling than the state. */
  private refusal(account: StaffAccountEntity, report: ReportEntity, input: CaseActionInput): ErrorCode {
    const extension = this.rules.for(report.villageCode).extensionOf(report.track);
    if (input.action === 'request_extension' && report.status === 'accepted' && handlesCase(account, report)) {
      if (!extension) return 'EXTENSION_NOT_PROVIDED';
      if (report.extensionRequestedDays !== null) return 'EXTENSION_PENDING';
      if (report.extensionUsed >= extension.times) return 'EXTENSION_ALREADY_USED';
    }
    const decides = input.action === 'approve_extension' || input.action === 'refuse_extension';
    if (
      decides &&
      account.role === 'county_supervisor' &&
      report.extensionRequestedDays !== null &&
      report.extensionRequestedBy === account.id
    ) {
      return 'OWN_REQUEST';
    }
    return 'ACTION_NOT_ALLOWED';
  }

  private async actionsFor(account: StaffAccountEntity, report: ReportEntity) {
    const [deadlines, events] = await Promise.all([this.reports.deadlinesOf(report.id), this.reports.eventsOf(report.id)]);
    return this.actionsGiven(account, report, deadlines, events);
  }

  private actionsGiven(account: StaffAccountEntity, report: ReportEntity, deadlines: ReportDeadlineEntity[], events: ReportEventEntity[]) {
    const rules = this.rules.for(report.villageCode);
    const facts = answerFacts(report, events, deadlines, rules, chinaDate(this.clock.now()));
    const late = this.lateOrEscalated(report, deadlines);
    return staffActionsFor(account, report, rules, { mayClose: mayClose(facts) }).filter(
      (a) => !late || (a !== 'mark_duplicate' && a !== 'mark_invalid'),
    );
  }

  /** What each action says to the reporter, records for staff, and changes on the case. */
  private async stepFor(account: StaffAccountEntity, report: ReportEntity, input: CaseActionInput): Promise<Omit<WorkflowStep, 'actor'>> {
    const now = this.clock.now();
    const deadlines = this.rules.for(report.villageCode);
    switch (input.action) {
      case 'accept':
        return { action: 'accept', publicText: input.publicText || '您反映的问题已受理，正在办理', internalText: null };
      case 'decline':
        return {
          action: 'decline',
          publicText: `经审查，不予受理。理由：${input.reason}`,
          internalText: input.reason,
          changes: { answeredAt: report.answeredAt ?? now },
        };
      case 'assign': {
        const assignee = await this.staff.findById(input.assigneeId);
        // The case goes to someone at the level that handles it: the township's handlers, or the county's supervisors.
        const role = report.level === 'township' ? 'township_handler' : 'county_supervisor';
        const eligible = assignee && !assignee.disabled && assignee.role === role && caseInJurisdiction(assignee, report);
        if (!eligible) throw new DomainError('ASSIGNEE_INVALID');
        return {
          action: 'assign',
          publicText: null,
          internalText: `指定承办人：${assignee.displayName}`,
          changes: { assigneeId: assignee.id },
        };
      }
      case 'transfer_up': {
        const rule = deadlines.rule(report.track, 'transfer_up');
        const due = rule ? deadlines.dueDate(rule, report.receivedAt) : null;
        return {
          action: 'transfer_up',
          publicText: '您反映的问题已报送县纪委办理',
          internalText: input.reason,
          changes: { level: 'county', assigneeId: null },
          extraDeadlines: due
            ? [{ kind: 'transfer_up', dueOn: due.date, provisional: due.provisional ? 1 : 0, startedAt: report.receivedAt, metAt: now }]
            : [],
        };
      }
      case 'transfer_township': {
        const [to] = await this.regions.findMany([input.townshipCode]);
        const from = handlingTownshipOf(report);
        if (!to || to.code.length !== 9 || countyOf(to.code) !== countyOf(report.villageCode) || to.code === from) {
          throw new DomainError('TOWNSHIP_INVALID');
        }
        return {
          action: 'transfer_township',
          publicText: `您反映的问题已转交${to.name}纪委办理`,
          internalText: `转交${to.name}：${input.reason}`,
          changes: { handlingCode: to.code, assigneeId: null },
          transfer: { fromCode: from, toCode: to.code },
        };
      }
      case 'transfer_out':
        return { action: 'transfer_out', publicText: `您反映的问题已转交${input.to}办理`, internalText: input.reason };
      case 'request_extension': {
        const extension = deadlines.extensionOf(report.track);
        if (!extension) throw new DomainError('EXTENSION_NOT_PROVIDED');
        if (input.days > extension.maxDays) throw new DomainError('EXTENSION_TOO_LONG');
        return {
          action: 'request_extension',
          publicText: `承办单位申请将办理期限延长${input.days}天，正在等待审批`,
          internalText: `申请延期${input.days}天：${input.reason}`,
          changes: { extensionRequestedDays: input.days, extensionRequestedBy: account.id },
        };
      }
      case 'approve_extension': {
        const extension = deadlines.extensionOf(report.track);
        const rule = extension && deadlines.rule(report.track, extension.deadline);
        const open = (await this.reports.deadlinesOf(report.id)).find((d) => d.kind === extension?.deadline && !d.metAt && !d.cancelledAt);
        if (!extension || !rule || !open || !report.extensionRequestedDays) throw new DomainError('EXTENSION_NOT_ALLOWED');
        const days = report.extensionDays + report.extensionRequestedDays;
        // Counted on from the period's unmoved end, not from a date already moved off a day off.
        const moved = deadlines.extendedDueDate(rule, open.startedAt, { days, unit: extension.unit });
        return {
          action: 'approve_extension',
          publicText: `答复期限已延长至${spokenDate(moved.date)}`,
          internalText: `批准延期${report.extensionRequestedDays}天，期限由${open.dueOn}延至${moved.date}`,
          changes: {
            extensionUsed: report.extensionUsed + 1,
            extensionDays: days,
            extensionRequestedDays: null,
            extensionRequestedBy: null,
          },
          moveDeadline: { id: open.id, dueOn: moved.date, provisional: moved.provisional },
        };
      }
      case 'refuse_extension': {
        const extension = deadlines.extensionOf(report.track);
        const open = (await this.reports.deadlinesOf(report.id)).find((d) => d.kind === extension?.deadline && !d.metAt && !d.cancelledAt);
        return {
          action: 'refuse_extension',
          publicText: `延期申请未获批准，理由：${input.reason}${open ? `。仍须在${spokenDate(open.dueOn)}前答复您` : ''}`,
          internalText: `不批准延期${report.extensionRequestedDays ?? ''}天：${input.reason}`,
          changes: { extensionRequestedDays: null, extensionRequestedBy: null },
        };
      }
      case 'conclude':
        return { action: 'conclude', publicText: '您反映的问题已办结，结果将尽快答复您', internalText: input.note || null };
      case 'reply':
        return {
          action: 'reply',
          publicText: input.text,
          internalText: null,
          changes: { answeredAt: report.answeredAt ?? now, rating: null },
        };
      case 'close':
        return { action: 'close', publicText: '本件已办结归档', internalText: null };
      case 'reclassify':
        if (input.track === report.track) {
          throw new DomainError('VALIDATION_FAILED', [{ field: 'body.track', message: '类型没有变化' }]);
        }
        return {
          action: 'reclassify',
          publicText: `您反映的事情已归为「${REPORT_TRACKS_PLAIN[input.track]}」`,
          internalText:
            `类型由「${REPORT_TRACKS[report.track]}」更正为「${REPORT_TRACKS[input.track]}」：${input.reason}` +
            (report.extensionRequestedDays !== null ? '；待审批的延期申请随之终止' : ''),
          // A pending extension was asked under the old track's rules: it ends with the correction.
          changes: { track: input.track, extensionRequestedDays: null, extensionRequestedBy: null, extensionDays: 0 },
        };
      case 'note':
        return { action: 'note', publicText: null, internalText: input.text };
    }
  }
}
