import { Global, Module } from '@nestjs/common';
import { REPORTER_SESSION_LOOKUP } from '../../common/reporter-session.js';
import { CaseModule } from '../case/case.module.js';
import { RegionModule } from '../region/region.module.js';
import { WechatModule } from '../wechat/wechat.module.js';
import { MyReports } from './my-reports.js';
import { ReporterAccounts } from './reporter-accounts.js';
import { ReporterController } from './reporter.controller.js';
import { ReporterLinks } from './reporter-links.js';
import { ReporterSessions } from './reporter-sessions.js';

/**
 * Reporters' own sign-ins (WeChat, or a phone by SMS code), 我的反映, and the link from a real-name
 * report to its reporter. Global only so that the report controller can ask who filed
 * (REPORTER_SESSION_LOOKUP) without the case module importing this one, which builds on it.
 * `ReporterSessions` (open a session for a phone, the phone hash) and `ReporterAccounts` (an account's
 * openid) are for the notification module.
 */
@Global()
@Module({
  imports: [CaseModule, RegionModule, WechatModule],
  controllers: [ReporterController],
  providers: [
    ReporterSessions,
    ReporterAccounts,
    ReporterLinks,
    MyReports,
    { provide: REPORTER_SESSION_LOOKUP, useExisting: ReporterSessions },
  ],
  exports: [ReporterSessions, ReporterAccounts, REPORTER_SESSION_LOOKUP],
})
export class ReporterModule {}
