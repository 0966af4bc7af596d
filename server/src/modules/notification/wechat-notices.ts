import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { spokenDate } from '../calendar/china-date.js';
import { ReporterAccounts } from '../reporter/reporter-accounts.js';
import { WechatApi } from '../wechat/wechat-api.js';
import type { JobOutcome } from './outbox.js';
import type { ProgressNotice } from './progress-notices.js';
import { ReportSubscriptionEntity } from './report-subscription.entity.js';

/** The line every message carries: that there is news, never what it is. At most 20 characters (`thing`). */
export const NOTICE_LINE = '您反映的事项有新进展';
/** Where a tap on the message opens: 我的反映, which signs the reporter in with WeChat before showing anything. */
export const NOTICE_PAGE = 'pages/mine/index';

/**
 * A progress notice as a one-time subscribe message, when the reporter allowed that event's template
 * for this report. One message per grant, as WeChat counts them: a sent grant is used up; one WeChat
 * answers "not subscribed" (43101) for is marked unusable, and nothing else is tried (no SMS: the
 * reporter chose in WeChat not to be told, and a text they did not ask for may be read by others at home).
 */
@Injectable()
export class WechatNotices {
  private readonly logger = new Logger('WechatNotices');

  constructor(
    private readonly api: WechatApi,
    private readonly accounts: ReporterAccounts,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(reportId: number, accountId: number, notice: ProgressNotice): Promise<JobOutcome> {
    if (!this.api.enabled) return { done: 'skipped', reason: 'WeChat off' };
    const grants = this.dataSource.getRepository(ReportSubscriptionEntity);
    const grant = await grants.findOneBy({ reportId, event: notice.event, status: 'granted' });
    if (!grant) return { done: 'skipped', reason: `${notice.event} not subscribed` };
    const openid = await this.accounts.openidOf(accountId);
    if (!openid) return { done: 'skipped', reason: 'no WeChat account' };
    const { status, line, date } = this.config.notifications.keywords;
    const result = await this.api.sendSubscribeMessage({
      openid,
      templateId: grant.templateId,
      page: NOTICE_PAGE,
      data: { [status]: notice.phrase, [line]: NOTICE_LINE, [date]: spokenDate(notice.on) },
    });
    switch (result.outcome) {
      case 'sent':
        await grants.update({ id: grant.id, status: 'granted' }, { status: 'used', usedAt: this.clock.now() });
        return { done: 'sent', channel: 'wechat' };
      case 'not_subscribed':
        await grants.update({ id: grant.id }, { status: 'unusable' });
        return { done: 'skipped', reason: 'wechat 43101 not subscribed' };
      case 'bad_value':
      case 'bad_page': {
        // A template, keyword or page set up wrongly: every try would fail the same way until the configuration is fixed.
        const what = result.outcome === 'bad_value' ? `47003 keyword ${result.keyword ?? '?'}` : `41030 page ${NOTICE_PAGE}`;
        this.logger.error(
          `Subscribe message refused (${what}) for template ${grant.templateId}: check WECHAT_TEMPLATE_* and the mini program's pages`,
        );
        return { giveUp: `wechat ${what}` };
      }
      case 'retry':
        return { retry: `wechat ${result.errcode ?? 'unreachable'}` };
    }
  }
}
