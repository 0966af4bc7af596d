import { Controller, Req, UseGuards } from '@nestjs/common';
import { contract } from '@mashang/shared';
import type { FastifyRequest } from 'fastify';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import { RateLimit } from '../../common/rate-limit/rate-limit.guard.js';
import { ReportService } from '../case/report.service.js';
import { cookieToken } from '../staff/session-cookie.js';
import { WechatApi } from '../wechat/wechat-api.js';
import { MyReports } from './my-reports.js';
import { ReporterAccounts } from './reporter-accounts.js';
import type { ReporterSessionEntity } from './reporter.entities.js';
import { ReporterSessionGuard, SignedInReporter } from './reporter-session.guard.js';
import { ReporterSessions, normalizePhone, tokenOf } from './reporter-sessions.js';

const routes = contract.reporterAccount;
type In<K extends keyof typeof routes> = ParsedInput<(typeof routes)[K]>;

/**
 * A reporter's own sign-in and 我的反映. Opening one's own reports counts against the query-code
 * limit, so trying report numbers is no better than trying query codes.
 */
@Controller()
export class ReporterController {
  constructor(
    private readonly wechat: WechatApi,
    private readonly accounts: ReporterAccounts,
    private readonly sessions: ReporterSessions,
    private readonly mine: MyReports,
    private readonly reports: ReportService,
  ) {}

  /**
   * WeChat's code for the openid (the session key stays with the WeChat client), then a session of our own.
   * A code is WeChat's one-time secret (nothing to guess), so the limit per address is only a generous one
   * against floods of calls to WeChat: a village behind one mobile carrier address still signs in.
   */
  @RateLimit('wechat_login')
  @ContractRoute(routes.wechatLogin)
  async wechatLogin(@RouteInput() { body }: In<'wechatLogin'>) {
    const { openid } = await this.wechat.codeToSession(body.code);
    const session = await this.sessions.open({ accountId: await this.accounts.idFor(openid) });
    return { token: session.token, expiresAt: session.expiresAt.toISOString() };
  }

  @RateLimit('login')
  @UseGuards(ReporterSessionGuard)
  @ContractRoute(routes.wechatPhone)
  async wechatPhone(@RouteInput() { body }: In<'wechatPhone'>, @SignedInReporter() session: ReporterSessionEntity) {
    const { phone } = await this.wechat.phoneNumber(body.code);
    await this.sessions.rememberVerifiedPhone(session.id, phone);
    return { phone: normalizePhone(phone) };
  }

  @UseGuards(ReporterSessionGuard)
  @ContractRoute(routes.myReports)
  myReports(@RouteInput() { query }: In<'myReports'>, @SignedInReporter() session: ReporterSessionEntity) {
    return this.mine.list(session, query.offset, query.limit);
  }

  @RateLimit('query_code')
  @UseGuards(ReporterSessionGuard)
  @ContractRoute(routes.myReport)
  myReport(@RouteInput() { params }: In<'myReport'>, @SignedInReporter() session: ReporterSessionEntity) {
    return this.mine.view(session, params.ref);
  }

  @RateLimit('query_code')
  @UseGuards(ReporterSessionGuard)
  @ContractRoute(routes.rate)
  async rate(
    @RouteInput() { params, body }: In<'rate'>,
    @SignedInReporter() session: ReporterSessionEntity,
    @Req() request: FastifyRequest,
  ) {
    const report = await this.mine.find(session, params.ref);
    // As with the query code: a browser signed in as staff never rates for the reporter.
    const staffClient = !!request.headers.authorization || cookieToken(request) !== null;
    const rating = { rating: body.rating, reasons: body.reasons ?? [], comment: body.comment };
    return this.reports.rate(report, rating, body.idempotencyKey, staffClient);
  }

  @RateLimit('query_code')
  @UseGuards(ReporterSessionGuard)
  @ContractRoute(routes.requestReview)
  async requestReview(@RouteInput() { params, body }: In<'requestReview'>, @SignedInReporter() session: ReporterSessionEntity) {
    return this.reports.requestReview(await this.mine.find(session, params.ref), body.reason, body.idempotencyKey);
  }

  @RateLimit('query_code')
  @UseGuards(ReporterSessionGuard)
  @ContractRoute(routes.addInfo)
  async addInfo(@RouteInput() { params, body }: In<'addInfo'>, @SignedInReporter() session: ReporterSessionEntity) {
    return this.reports.addInfo(await this.mine.find(session, params.ref), body.text, body.idempotencyKey);
  }

  @ContractRoute(routes.signOut)
  async signOut(@Req() request: FastifyRequest) {
    await this.sessions.close(tokenOf(request));
    return { ok: true as const };
  }
}
