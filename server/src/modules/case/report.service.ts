import { Inject, Injectable } from '@nestjs/common';
import {
  RATING_REASONS,
  RATINGS,
  REPORT_CHANNELS,
  type Rating,
  type RatingReason,
  type ReportCreate,
  type ReportReceipt,
  type ReportStatusView,
  type ReporterAction,
  actionsAllowed,
  isSatisfiedRating,
  formatQueryCode,
  normalizeQueryCode,
} from '@mashang/shared';
import { Clock } from '../../common/clock.js';
import { RateLimiter } from '../../common/rate-limit/rate-limiter.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { FilingLimits } from './filing-limits.js';
import { DomainError } from '../../common/domain-error.js';
import { chinaDate } from '../calendar/china-date.js';
import { DeadlineRulesService } from '../deadline/deadline-rules.service.js';
import { RegionRepository } from '../region/region.repository.js';
import { CaseWorkflow, type WorkflowStep } from './workflow/case-workflow.js';
import { type ActionKey, ActionKeys } from './workflow/action-keys.js';
import { answerFacts, reviewPathText } from './workflow/contest.js';
import type { ReportDeadlineEntity } from './entities/report-deadline.entity.js';
import { DataProtection } from '../../common/data-protection.js';
import { ReportSecrets } from './report-secrets.js';
import { type DeadlineClock, latestReply, nextStepOf, reporterDueDatesOf } from './report-view.js';
import type { ReportEntity } from './entities/report.entity.js';
import { isUniqueViolation } from '../../database/unique-violation.js';
import { ReportRepository } from './report.repository.js';
import { type FilingContext, ReportHooks } from './workflow/report-hooks.js';
import { DataSource } from 'typeorm';

const MINUTE_MS = 60_000;
const RECEIVED_TEXT = '已收到您的反映，等待乡镇纪委受理';

export interface Intake {
  channel: ReportEntity['channel'];
  /** When it really arrived; a letter's clock starts on its date of receipt, not when it was typed in. */
  receivedAt?: Date;
  /** The staff account that recorded a letter, call or visit. */
  recordedBy?: number;
}

@Injectable()
export class ReportService {
  private readonly knownVillages = new Set<string>();

  constructor(
    private readonly reports: ReportRepository,
    private readonly regions: RegionRepository,
    private readonly secrets: ReportSecrets,
    private readonly protection: DataProtection,
    private readonly rules: DeadlineRulesService,
    private readonly workflow: CaseWorkflow,
    private readonly keys: ActionKeys,
    private readonly clock: Clock,
    private readonly filingLimits: FilingLimits,
    private readonly limiter: RateLimiter,
    private readonly hooks: ReportHooks,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
  ) {}

  /**
   * Files a report sent by a villager's phone. A new filing passes the flood limits first (maybe
   * with a proof of work); a retry of an earlier one gets its receipt back for a limited time,
   * counted against the query-code limit, since the answer carries the query code.
   */
  async fileOnline(input: ReportCreate, address: string, filing: Omit<FilingContext, 'input'> = {}): Promise<ReportReceipt> {
    const { proofOfWork, ...report } = input;
    const keyHash = this.secrets.hashIdempotencyKey(report.idempotencyKey);
    // Both read at once: a filing is answered only once stored, and each round trip before that is the villager's wait.
    const [earlier, villageExists] = await Promise.all([
      this.reports.findByIdempotencyKeyHash(keyHash),
      this.villageExists(report.villageCode),
    ]);
    if (!earlier) {
      // An unknown village is refused before it is counted: made-up codes must not fill the counters.
      if (!villageExists) throw new DomainError('VILLAGE_NOT_FOUND');
      await this.filingLimits.admit(address, report.villageCode, proofOfWork);
      return this.store(report, keyHash, { channel: 'online' }, filing);
    }
    if (!(await this.limiter.hit('query_code', address, this.config.lookupLimitPerMinute, MINUTE_MS)))
      throw new DomainError('RATE_LIMITED');
    const replayUntil = earlier.receivedAt.getTime() + this.config.intake.replayHours * 3_600_000;
    if (this.clock.now().getTime() > replayUntil) throw new DomainError('IDEMPOTENCY_KEY_EXPIRED');
    return this.replay(earlier, report.idempotencyKey, this.fingerprintOf(report, { channel: 'online' }));
  }

  /**
   * Files a report. A retry with the same idempotency key (a weak network lost the answer) gets
   * the same receipt back; the same key with different content is refused.
   */
  async submit(input: Omit<ReportCreate, 'proofOfWork'>, intake: Intake = { channel: 'online' }): Promise<ReportReceipt> {
    const keyHash = this.secrets.hashIdempotencyKey(input.idempotencyKey);
    const earlier = await this.reports.findByIdempotencyKeyHash(keyHash);
    if (earlier) return this.replay(earlier, input.idempotencyKey, this.fingerprintOf(input, intake));
    if (!(await this.villageExists(input.villageCode))) throw new DomainError('VILLAGE_NOT_FOUND');
    return this.store(input, keyHash, intake);
  }

  /**
   * Whether the village exists. One found is remembered (villages are added, never removed; only
   * real ones are kept, so the set is at most the region table's villages, some 20,000 a province).
   */
  private async villageExists(code: string): Promise<boolean> {
    if (this.knownVillages.has(code)) return true;
    if (!(await this.regions.findVillage(code))) return false;
    this.knownVillages.add(code);
    return true;
  }

  private fingerprintOf({ idempotencyKey: _, ...content }: Omit<ReportCreate, 'proofOfWork'>, intake: Intake): string {
    return this.secrets.fingerprint({ ...content, channel: intake.channel, receivedAt: intake.receivedAt });
  }

  /** Stores a new report (its key unseen, its village known) and answers its receipt. */
  private async store(
    input: Omit<ReportCreate, 'proofOfWork'>,
    keyHash: string,
    intake: Intake,
    filing: Omit<FilingContext, 'input'> = {},
  ): Promise<ReportReceipt> {
    const { idempotencyKey, ...content } = input;
    const fingerprint = this.fingerprintOf(input, intake);
    const receivedAt = intake.receivedAt ?? this.clock.now();
    const started = this.rules.for(content.villageCode).startedBy('received', content.track, content.mode, receivedAt);
    const queryCode = this.secrets.queryCodeFor(idempotencyKey);
    try {
      const saved = await this.reports.insert(
        {
          reportNo: this.secrets.newReportNo(),
          villageCode: content.villageCode,
          category: content.category,
          content: content.content,
          concerned: content.concerned || null,
          happenedAt: content.happenedAt || null,
          subject: content.subject ?? null,
          mode: content.mode,
          track: content.track,
          channel: intake.channel,
          level: 'township',
          reporterNameEnc: content.reporter ? this.protection.encrypt(content.reporter.name) : null,
          reporterPhoneEnc: content.reporter ? this.protection.encrypt(content.reporter.phone) : null,
          queryCodeHash: this.secrets.hashQueryCode(queryCode),
          idempotencyKeyHash: keyHash,
          requestFingerprint: fingerprint,
          status: 'submitted',
          receivedAt,
          answeredAt: null,
          assigneeId: null,
          escalated: 0,
          extensionUsed: 0,
          extensionRequestedDays: null,
          extensionRequestedBy: null,
          extensionDays: 0,
          nextDueOn: null, // set with the deadlines, in the same transaction
          supervisedHere: 0,
          supervisionDueOn: null,
          duplicateOfId: null,
          ratedBy: null,
          ratedByAccount: null,
          ratingReasons: null,
          handlingCode: content.villageCode.slice(0, 9), // the village's own township
          missedDeadline: 0,
          acceptedOnTime: null,
          textCheckSuggest: null,
          textCheckLabel: null,
          rating: null,
          version: 0,
        },
        {
          type: 'submitted',
          actor: intake.recordedBy ? `staff:${intake.recordedBy}` : 'reporter',
          publicText: RECEIVED_TEXT,
          internalText: intake.recordedBy ? `登记${REPORT_CHANNELS[intake.channel]}反映` : null,
          createdAt: receivedAt,
        },
        started.map((d) => ({ kind: d.kind, dueOn: d.date, provisional: d.provisional ? 1 : 0, startedAt: receivedAt })),
        (manager, stored) => this.hooks.filed(manager, stored, { input, ...filing }),
      );
      return this.receipt(saved.report, queryCode, saved.deadlines);
    } catch (error) {
      // Two copies of one submission raced; the loser answers with the winner's receipt.
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.reports.findByIdempotencyKeyHash(keyHash);
      if (!winner) throw error;
      return this.replay(winner, idempotencyKey, fingerprint);
    }
  }

  async lookup(rawCode: string): Promise<ReportStatusView> {
    return this.view(await this.byQueryCode(rawCode));
  }

  /**
   * The reporter's own rating. A client signed in as staff cannot give it: the township must never
   * rate its own work with a query code it printed, and a county's callback has its own route.
   */
  async rate(
    rawCode: string | ReportEntity,
    { rating, reasons, comment }: { rating: Rating; reasons: RatingReason[]; comment?: string },
    idempotencyKey?: string,
    fromStaffClient = false,
  ): Promise<ReportStatusView> {
    const report = await this.located(rawCode);
    if (fromStaffClient) throw new DomainError('RATING_NOT_YOURS');
    const key = this.keyOf(report, idempotencyKey, { action: 'rate', rating, reasons, comment });
    await this.keys.run(key, report.id, async () => {
      if (report.rating) throw new DomainError('ACTION_NOT_ALLOWED'); // one rating per reply round
      await this.applyRating(report, {
        action: 'rate',
        actor: 'reporter',
        publicText: `您对答复的评价：${RATINGS[rating]}`,
        internalText: ratingNote(reasons, comment),
        changes: { rating, ratingReasons: reasons, ratedBy: 'reporter', ratedByAccount: null },
        key,
      });
    });
    return this.view(await this.current(report));
  }

  /**
   * Records a rating, the reporter's own or the county's callback, within the period to rate the
   * latest answer. A reporter content with the answer ends the case: it is filed away in the same
   * transaction, so a rated case is never left open.
   */
  async applyRating(report: ReportEntity, step: WorkflowStep & { action: 'rate' }): Promise<void> {
    if (report.status !== 'replied' || report.rating) throw new DomainError('ACTION_NOT_ALLOWED');
    if ((await this.answerFactsOf(report)).ratingEnded) throw new DomainError('RATING_PERIOD_ENDED');
    const content = !!step.changes?.rating && isSatisfiedRating(step.changes.rating);
    await this.workflow.apply(
      report,
      step,
      ...(content ? [{ action: 'close', actor: 'system', publicText: '感谢您的评价，本件已办结归档', internalText: null } as const] : []),
    );
  }

  /**
   * 复查 (then 复核): only after rating the answer 不满意, within the period the rules allow, and only
   * a step decided within this system; the level above the one that answered takes the case over.
   */
  async requestReview(rawCode: string | ReportEntity, reason: string, idempotencyKey?: string): Promise<ReportStatusView> {
    const report = await this.located(rawCode);
    const key = this.keyOf(report, idempotencyKey, { action: 'request_review', reason });
    await this.keys.run(key, report.id, async () => {
      const facts = await this.answerFactsOf(report);
      if (report.status !== 'replied' || !report.rating || isSatisfiedRating(report.rating) || facts.next.kind !== 'in_system') {
        throw new DomainError('ACTION_NOT_ALLOWED');
      }
      if (facts.reviewEnded) throw new DomainError('REVIEW_PERIOD_ENDED');
      const { step, level } = facts.next;
      await this.workflow.apply(report, {
        action: 'request_review',
        actor: 'reporter',
        publicText: `您已申请${step}，${level === 'county' ? '县纪委' : '乡镇纪委'}将重新核查并答复您`,
        internalText: `申请${step}：${reason}`,
        changes: { rating: null, ratingReasons: null, level, ...(level !== report.level ? { assigneeId: null } : {}) },
        key,
      });
    });
    return this.view(await this.current(report));
  }

  private async answerFactsOf(report: ReportEntity, events?: { type: string; createdAt: Date }[], deadlines?: ReportDeadlineEntity[]) {
    const [timeline, clocks] = await Promise.all([
      events ?? this.reports.publicEventsOf(report.id),
      deadlines ?? this.reports.deadlinesOf(report.id),
    ]);
    return answerFacts(report, timeline, clocks, this.rules.for(report.villageCode), chinaDate(this.clock.now()));
  }

  async addInfo(rawCode: string | ReportEntity, text: string, idempotencyKey?: string): Promise<ReportStatusView> {
    const report = await this.located(rawCode);
    const key = this.keyOf(report, idempotencyKey, { action: 'add_info', text });
    await this.keys.run(key, report.id, () =>
      this.workflow.apply(report, { action: 'add_info', actor: 'reporter', publicText: '您补充了材料', internalText: text, key }),
    );
    return this.view(await this.current(report));
  }

  /** A reporter's keys are scoped to their report: nobody else's retry can match them. */
  private keyOf(report: ReportEntity, idempotencyKey: string | undefined, content: unknown): ActionKey | null {
    return idempotencyKey ? this.keys.of(`reporter:${report.id}`, idempotencyKey, content) : null;
  }

  /** The report as stored now: a retry answered after a copy that won must show what that copy did. */
  private async current(report: ReportEntity): Promise<ReportEntity> {
    return (await this.reports.findByReportNo(report.reportNo)) ?? report;
  }

  /** A report by its query code, or one the caller already found (a signed-in reporter's own, modules/reporter). */
  private located(report: string | ReportEntity): Promise<ReportEntity> {
    return typeof report === 'string' ? this.byQueryCode(report) : Promise.resolve(report);
  }

  /** Malformed and unknown codes get the same answer, so probing learns nothing. */
  private async byQueryCode(rawCode: string): Promise<ReportEntity> {
    const code = normalizeQueryCode(rawCode);
    const report = code ? await this.reports.findByQueryCodeHash(this.secrets.hashQueryCode(code)) : null;
    if (!report) throw new DomainError('QUERY_CODE_NOT_FOUND');
    return report;
  }

  async view(report: ReportEntity): Promise<ReportStatusView> {
    const [villages, events, deadlines, attachmentCount] = await Promise.all([
      this.regions.findMany([report.villageCode]),
      this.reports.publicEventsOf(report.id),
      this.reports.deadlinesOf(report.id),
      this.attachmentCountOf(report.id),
    ]);
    const facts = await this.answerFactsOf(report, events, deadlines);
    const dueDates = reporterDueDatesOf(deadlines, this.clock.now());
    const actions = actionsAllowed(report.status, 'reporter').filter(
      (a): a is ReporterAction =>
        (a === 'rate' && !report.rating && !facts.ratingEnded) ||
        (a === 'request_review' &&
          !!report.rating &&
          !isSatisfiedRating(report.rating) &&
          facts.next.kind === 'in_system' &&
          !facts.reviewEnded) ||
        a === 'add_info',
    );
    return {
      reportNo: report.reportNo,
      villageName: villages[0]?.name ?? '',
      category: report.category,
      mode: report.mode,
      track: report.track,
      status: report.status,
      receivedAt: report.receivedAt.toISOString(),
      dueDates,
      next: nextStepOf({
        ...report,
        dueDates,
        answer: facts,
        since: events.at(-1)?.createdAt ?? report.receivedAt,
        today: chinaDate(this.clock.now()),
      }),
      timeline: events.map((e) => ({ at: e.createdAt.toISOString(), text: e.publicText ?? '' })),
      reply: latestReply(events),
      rating: report.rating,
      ratingReasons: report.rating ? (report.ratingReasons ?? []) : [],
      actions,
      reviewPath: reviewPathText(facts),
      attachmentCount,
    };
  }

  /** The report's photos and files (modules/report-attachment keeps them), counted by table: the reporter is told how many, never sent them. */
  private async attachmentCountOf(reportId: number): Promise<number> {
    const [row] = await this.dataSource.query<{ n: number | string }[]>(
      'SELECT COUNT(*) AS n FROM report_attachments WHERE report_id = ?',
      [reportId],
    );
    return Number(row?.n ?? 0);
  }

  private async replay(report: ReportEntity, idempotencyKey: string, fingerprint: string): Promise<ReportReceipt> {
    if (report.requestFingerprint !== fingerprint) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    return this.receipt(report, this.secrets.queryCodeFor(idempotencyKey));
  }

  /** A report's receipt; `deadlines` when they are already at hand (just stored), else read. */
  private async receipt(report: ReportEntity, queryCode: string, deadlines?: DeadlineClock[]): Promise<ReportReceipt> {
    return {
      reportNo: report.reportNo,
      queryCode: formatQueryCode(queryCode),
      status: report.status,
      receivedAt: report.receivedAt.toISOString(),
      dueDates: reporterDueDatesOf(deadlines ?? (await this.reports.deadlinesOf(report.id)), this.clock.now()),
    };
  }
}

/** What staff read beside a reporter's rating: the reasons ticked, then their own words. */
function ratingNote(reasons: RatingReason[], comment?: string): string | null {
  const parts = [reasons.map((r) => RATING_REASONS[r]).join('、'), comment ?? ''].filter(Boolean);
  return parts.length ? parts.join('；') : null;
}
