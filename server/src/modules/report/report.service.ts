import { Injectable } from '@nestjs/common';
import {
  type DueDate,
  type ReportCreate,
  type ReportReceipt,
  type ReportStatusView,
  formatQueryCode,
  normalizeQueryCode,
} from '@mashang/shared';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { DeadlineCalculator } from '../deadline/deadline-calculator.js';
import { RegionRepository } from '../region/region.repository.js';
import { ReportSecrets } from './report-secrets.js';
import type { ReportEntity } from './report.entity.js';
import { ReportRepository, isUniqueViolation } from './report.repository.js';

const RECEIVED_TEXT = '已收到您的反映，等待乡镇纪委受理';

function dueDatesOf(report: ReportEntity): DueDate[] {
  return [{ kind: 'acceptance', dueOn: report.acceptanceDueOn, provisional: report.acceptanceDueProvisional === 1 }];
}

@Injectable()
export class ReportService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly regions: RegionRepository,
    private readonly secrets: ReportSecrets,
    private readonly deadlines: DeadlineCalculator,
    private readonly clock: Clock,
  ) {}

  /**
   * Files a report. A retry with the same idempotency key (a weak network lost the answer) gets
   * the same receipt back; the same key with different content is refused.
   */
  async submit(input: ReportCreate): Promise<ReportReceipt> {
    const { idempotencyKey, ...content } = input;
    const keyHash = this.secrets.hashIdempotencyKey(idempotencyKey);
    const fingerprint = this.secrets.fingerprint(content);

    const earlier = await this.reports.findByIdempotencyKeyHash(keyHash);
    if (earlier) return this.replay(earlier, idempotencyKey, fingerprint);

    if (!(await this.regions.findVillage(content.villageCode))) throw new DomainError('VILLAGE_NOT_FOUND');

    const receivedAt = this.clock.now();
    // Until the form asks whether it is an accusation or a petition, every report runs on the
    // accusation (working-day) clock, the stricter of the two for acceptance.
    const acceptance = this.deadlines.startedBy('received', 'accusation', content.mode, receivedAt).find((d) => d.kind === 'acceptance');
    if (!acceptance) throw new Error('The deadline rules give no acceptance deadline for a new report');
    const queryCode = this.secrets.queryCodeFor(idempotencyKey);
    try {
      const saved = await this.reports.insertWithEvent(
        {
          reportNo: this.secrets.newReportNo(),
          villageCode: content.villageCode,
          category: content.category,
          content: content.content,
          concerned: content.concerned || null,
          happenedAt: content.happenedAt || null,
          subject: content.subject ?? null,
          mode: content.mode,
          reporterNameEnc: content.reporter ? this.secrets.encrypt(content.reporter.name) : null,
          reporterPhoneEnc: content.reporter ? this.secrets.encrypt(content.reporter.phone) : null,
          queryCodeHash: this.secrets.hashQueryCode(queryCode),
          idempotencyKeyHash: keyHash,
          requestFingerprint: fingerprint,
          status: 'submitted',
          receivedAt,
          acceptanceDueOn: acceptance.date,
          acceptanceDueProvisional: acceptance.provisional ? 1 : 0,
          answeredAt: null,
        },
        { type: 'submitted', actor: 'reporter', publicText: RECEIVED_TEXT, createdAt: receivedAt },
      );
      return this.receipt(saved, queryCode);
    } catch (error) {
      // Two copies of one submission raced; the loser answers with the winner's receipt.
      if (!isUniqueViolation(error)) throw error;
      const winner = await this.reports.findByIdempotencyKeyHash(keyHash);
      if (!winner) throw error;
      return this.replay(winner, idempotencyKey, fingerprint);
    }
  }

  /** Malformed and unknown codes get the same answer, so probing learns nothing. */
  async lookup(rawCode: string): Promise<ReportStatusView> {
    const code = normalizeQueryCode(rawCode);
    const report = code ? await this.reports.findByQueryCodeHash(this.secrets.hashQueryCode(code)) : null;
    if (!report) throw new DomainError('QUERY_CODE_NOT_FOUND');
    const [villages, events] = await Promise.all([
      this.regions.findMany([report.villageCode]),
      this.reports.publicEventsOf(report.id),
    ]);
    return {
      reportNo: report.reportNo,
      villageName: villages[0]?.name ?? '',
      category: report.category,
      mode: report.mode,
      status: report.status,
      receivedAt: report.receivedAt.toISOString(),
      dueDates: dueDatesOf(report),
      timeline: events.map((e) => ({ at: e.createdAt.toISOString(), text: e.publicText ?? '' })),
    };
  }

  private replay(report: ReportEntity, idempotencyKey: string, fingerprint: string): ReportReceipt {
    if (report.requestFingerprint !== fingerprint) throw new DomainError('IDEMPOTENCY_KEY_REUSED');
    return this.receipt(report, this.secrets.queryCodeFor(idempotencyKey));
  }

  private receipt(report: ReportEntity, queryCode: string): ReportReceipt {
    return {
      reportNo: report.reportNo,
      queryCode: formatQueryCode(queryCode),
      status: report.status,
      receivedAt: report.receivedAt.toISOString(),
      dueDates: dueDatesOf(report),
    };
  }
}
