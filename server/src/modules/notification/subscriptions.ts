import { Inject, Injectable } from '@nestjs/common';
import { PROGRESS_EVENTS, type NotificationTemplates, type ProgressEvent } from '@mashang/shared';
import { DataSource, type Repository } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { isUniqueViolation } from '../../database/unique-violation.js';
import type { ReporterSessionEntity } from '../reporter/reporter.entities.js';
import { SmsProvider } from '../sms/sms-provider.js';
import { ReportSubscriptionEntity } from './report-subscription.entity.js';

/**
 * The one-time subscribe templates the mini program asks for, and the grants its reporters give for
 * their own reports. Only a report filed by the same WeChat account can be subscribed to.
 */
@Injectable()
export class Subscriptions {
  private readonly grants: Repository<ReportSubscriptionEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sms: SmsProvider,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.grants = dataSource.getRepository(ReportSubscriptionEntity);
  }

  /** The configured templates by event, none when WeChat is not set up. */
  private templates(): Array<{ event: ProgressEvent; templateId: string }> {
    if (!this.config.wechat.app) return [];
    const ids = this.config.notifications.templates;
    return (Object.keys(PROGRESS_EVENTS) as ProgressEvent[]).flatMap((event) => (ids[event] ? [{ event, templateId: ids[event] }] : []));
  }

  describe(): NotificationTemplates {
    return { templates: this.templates(), smsNotifications: this.sms.enabled, phoneLogin: this.sms.enabled };
  }

  /** Stores what the reporter allowed (`accept`) for their own report; answers every event now granted. */
  async grant(session: ReporterSessionEntity, reportNo: string, results: Record<string, string>): Promise<{ granted: ProgressEvent[] }> {
    const rows: Array<{ id: number }> = session.accountId
      ? await this.dataSource.query('SELECT id FROM reports WHERE report_no = ? AND reporter_account_id = ?', [reportNo, session.accountId])
      : [];
    const reportId = rows[0]?.id;
    // Someone else's report, or a phone session's: the same answer as a report that does not exist.
    if (!reportId) throw new DomainError('REPORT_NOT_FOUND');
    const now = this.clock.now();
    for (const { event, templateId } of this.templates()) {
      const answer = results[templateId];
      // reject, ban, filter, or not asked: nothing to store.
      if (answer !== 'accept') continue;
      // One grant per event, never re-armed: WeChat's grants are one-time, and a replayed post cannot be
      // told from a new tap, so a used or unusable (43101) grant stays so.
      try {
        await this.grants.insert({ reportId: Number(reportId), event, templateId, status: 'granted', createdAt: now, usedAt: null });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
    }
    const granted = await this.grants.find({ where: { reportId: Number(reportId), status: 'granted' }, select: { event: true } });
    return { granted: (Object.keys(PROGRESS_EVENTS) as ProgressEvent[]).filter((event) => granted.some((g) => g.event === event)) };
  }
}
