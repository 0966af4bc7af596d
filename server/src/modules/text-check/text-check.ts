import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { ReportEntity } from '../case/entities/report.entity.js';
import { type FilingContext, ReportHooks } from '../case/workflow/report-hooks.js';
import { Outbox, type JobOutcome } from '../notification/outbox.js';
import type { OutboxJobEntity } from '../notification/outbox-job.entity.js';
import { ReporterAccounts } from '../reporter/reporter-accounts.js';
import { ReporterSessionEntity } from '../reporter/reporter.entities.js';
import { WechatApi } from '../wechat/wechat-api.js';
import { WechatError } from '../wechat/wechat-error.js';

export const TEXT_CHECK_JOB = 'text_check';
/** msg_sec_check's scene for text a user posts (论坛). */
const FORUM_SCENE = 3;

/**
 * WeChat's text check (msg_sec_check v2) of a real-name report filed in the mini program by a signed-in
 * WeChat user, only when WECHAT_TEXT_CHECK=on: the report text reaches no third party otherwise. An
 * anonymous report is never checked (no openid may be used for it). The verdict is stored on the report
 * for staff to read; a report is never refused or hidden because of it.
 */
@Injectable()
export class TextCheck {
  constructor(
    private readonly dataSource: DataSource,
    private readonly wechat: WechatApi,
    private readonly accounts: ReporterAccounts,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    hooks: ReportHooks,
    outbox: Outbox,
  ) {
    hooks.register({ filed: (manager, report, context) => this.queue(manager, report, context, outbox) });
    outbox.handle(TEXT_CHECK_JOB, (job) => this.check(job));
  }

  /** In the filing's transaction: a job for a real-name report from a WeChat session (not a phone one). */
  private async queue(manager: EntityManager, report: ReportEntity, { reporterSessionId }: FilingContext, outbox: Outbox): Promise<void> {
    if (!this.config.wechatTextCheck || report.mode !== 'real_name' || !reporterSessionId) return;
    const session = await manager.findOne(ReporterSessionEntity, {
      where: { id: reporterSessionId },
      select: { id: true, accountId: true },
    });
    if (!session?.accountId) return;
    await outbox.enqueue(manager, { kind: TEXT_CHECK_JOB, reportId: report.id, payload: {}, runAt: this.clock.now() });
  }

  private async check(job: OutboxJobEntity): Promise<JobOutcome> {
    const [report] = await this.dataSource.query<Array<{ mode: string; content: string; account: number | null; checked: string | null }>>(
      'SELECT mode, content, reporter_account_id AS account, text_check_suggest AS checked FROM reports WHERE id = ?',
      [job.reportId],
    );
    if (!report || report.mode !== 'real_name' || !report.account) return { done: 'skipped', reason: 'no WeChat reporter' };
    if (report.checked) return { done: 'skipped', reason: 'checked already' };
    const openid = await this.accounts.openidOf(Number(report.account));
    if (!openid) return { done: 'skipped', reason: 'no WeChat reporter' };
    try {
      const { suggest, label } = await this.wechat.textCheck({ openid, content: report.content, scene: FORUM_SCENE });
      await this.dataSource
        .createQueryBuilder()
        .update(ReportEntity)
        .set({ textCheckSuggest: suggest, textCheckLabel: label })
        .where('id = :id', { id: job.reportId })
        .execute();
      return { done: 'sent', channel: 'wechat' };
    } catch (error) {
      if (error instanceof WechatError) return { retry: `msg_sec_check: ${error.errcode ?? error.reason}` };
      throw error;
    }
  }
}
