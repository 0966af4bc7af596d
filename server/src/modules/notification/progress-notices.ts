import { Injectable } from '@nestjs/common';
import type { ProgressEvent } from '@mashang/shared';
import { DataSource } from 'typeorm';
import { DataProtection } from '../../common/data-protection.js';
import { chinaDate } from '../calendar/china-date.js';
import { type AppliedStep, ReportHooks } from '../case/workflow/report-hooks.js';
import { SmsProvider } from '../sms/sms-provider.js';
import type { OutboxJobEntity } from './outbox-job.entity.js';
import { type JobOutcome, Outbox } from './outbox.js';
import { WechatNotices } from './wechat-notices.js';

export const PROGRESS_JOB = 'progress';

/** What a progress notice says: the event's template and a status of at most five characters. Nothing else. */
export interface ProgressNotice {
  event: ProgressEvent;
  /** 已受理, 不予受理, 已转办, 已答复, 已复查. */
  phrase: string;
  /** The step's China date, `YYYY-MM-DD`. */
  on: string;
}

/** The steps a reporter is told of. Set-aside floods (重复, 无效) and internal steps are not. */
export function noticeOf({ before, step, now }: AppliedStep): ProgressNotice | null {
  const on = chinaDate(now);
  switch (step.action) {
    case 'accept':
      return { event: 'accepted', phrase: '已受理', on };
    case 'decline':
      // The answer to "was it accepted" too: without it the reporter would wait for news that never comes.
      return { event: 'accepted', phrase: '不予受理', on };
    case 'transfer_out':
      return { event: 'accepted', phrase: '已转办', on };
    case 'reply':
      return before.status === 'under_review' ? { event: 'reviewed', phrase: '已复查', on } : { event: 'answered', phrase: '已答复', on };
    default:
      return null;
  }
}

/** `2026-11-28` → 11月28日, the SMS's date. */
const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;

interface ReportRow {
  mode: string;
  channel: string;
  reporter_phone_enc: string | null;
  /** Set by the reporter module for a real-name report filed while signed in with WeChat. */
  reporter_account_id?: number | null;
}

/**
 * Tells real-name reporters of their case's progress without saying anything about the case: a
 * `progress` job is written in the transaction of each step worth telling (so it exists exactly when
 * the step does), and sent later through WeChat (a report filed in the mini program, if the reporter
 * allowed that template) or by SMS (a report filed in H5 with a phone, when SMS is configured).
 * Anonymous reports have no one to tell: no job is written for them.
 */
@Injectable()
export class ProgressNotices {
  constructor(
    hooks: ReportHooks,
    outbox: Outbox,
    private readonly dataSource: DataSource,
    private readonly protection: DataProtection,
    private readonly sms: SmsProvider,
    private readonly wechat: WechatNotices,
  ) {
    hooks.register({
      stepped: async (manager, applied) => {
        if (applied.after.mode !== 'real_name') return;
        const notice = noticeOf(applied);
        if (!notice) return;
        await outbox.enqueue(manager, { kind: PROGRESS_JOB, reportId: applied.after.id, payload: { ...notice }, runAt: applied.now });
      },
    });
    outbox.handle(PROGRESS_JOB, (job) => this.send(job));
  }

  private async send(job: OutboxJobEntity): Promise<JobOutcome> {
    const notice = job.payload as unknown as ProgressNotice;
    // Read at send time: nothing personal is copied into the job, and data removed since is not used.
    const rows: ReportRow[] = await this.dataSource.query('SELECT * FROM reports WHERE id = ?', [job.reportId]);
    const report = rows[0];
    if (!report || report.mode !== 'real_name') return { done: 'skipped', reason: 'no real-name report' };
    // A mini-program report is told through WeChat only: a reporter who refused the prompt chose not to be told.
    if (report.reporter_account_id) return this.wechat.send(job.reportId!, Number(report.reporter_account_id), notice);
    // Only a reporter who filed in H5 gave the phone to be told on; one staff registered from a letter, call or visit did not.
    if (report.channel !== 'online') return { done: 'skipped', reason: 'not filed online' };
    if (!report.reporter_phone_enc) return { done: 'skipped', reason: 'no phone' };
    if (!this.sms.enabled) return { done: 'skipped', reason: 'SMS off' };
    const phone = this.protection.decrypt(report.reporter_phone_enc);
    const sent = await this.sms.send({ phone, template: 'progress', params: [notice.phrase, monthDay(notice.on)] });
    if (sent.ok) return { done: 'sent', channel: 'sms' };
    return sent.retry ? { retry: `sms ${sent.code}` } : { giveUp: `sms ${sent.code}` };
  }
}
