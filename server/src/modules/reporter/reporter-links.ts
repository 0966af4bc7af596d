import { Injectable } from '@nestjs/common';
import type { PhoneVerification } from '@mashang/shared';
import type { EntityManager } from 'typeorm';
import type { ReportEntity } from '../case/entities/report.entity.js';
import { type FilingContext, ReportHooks } from '../case/workflow/report-hooks.js';
import { normalizePhone, ReporterSessions } from './reporter-sessions.js';

/**
 * Ties a real-name report to its reporter, in the filing's transaction: the WeChat account signed in
 * when it was filed, a keyed hash of the phone it gives (so a phone sign-in finds it), and whether that
 * phone was verified. An anonymous report is never tied to anything, whatever came with it.
 */
@Injectable()
export class ReporterLinks {
  constructor(
    hooks: ReportHooks,
    private readonly sessions: ReporterSessions,
  ) {
    hooks.register({ filed: (manager, report, context) => this.link(manager, report, context) });
  }

  private async link(manager: EntityManager, report: ReportEntity, { input, reporterSessionId }: FilingContext): Promise<void> {
    if (report.mode !== 'real_name' || !input.reporter) return;
    const phone = normalizePhone(input.reporter.phone);
    const phoneHash = this.sessions.phoneHash(phone);
    const session = reporterSessionId ? await this.sessions.findById(reporterSessionId, manager) : null;
    const verified: PhoneVerification | null = !session
      ? null
      : this.sessions.verifiedPhoneOf(session) === phone
        ? 'wechat'
        : session.phoneHash === phoneHash
          ? 'sms'
          : null;
    await manager.query('UPDATE reports SET reporter_account_id = ?, reporter_phone_hash = ?, reporter_phone_verified = ? WHERE id = ?', [
      session?.accountId ?? null,
      phoneHash,
      verified,
      report.id,
    ]);
  }
}
