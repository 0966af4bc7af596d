import { Controller, Inject, Optional, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { contract } from '@mashang/shared';
import { ClientAddress } from '../../common/client-address.js';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import { RateLimit } from '../../common/rate-limit/rate-limit.guard.js';
import { REPORTER_SESSION_LOOKUP, type ReporterSessionLookup } from '../../common/reporter-session.js';
import { cookieToken } from '../staff/session-cookie.js';
import { ReportService } from './report.service.js';

const routes = contract.report;
const reporter = contract.reporter;
type In<K extends keyof typeof routes> = ParsedInput<(typeof routes)[K]>;
type ReporterIn<K extends keyof typeof reporter> = ParsedInput<(typeof reporter)[K]>;

/**
 * Everything done with a query code shares one rate limit per client address, so codes cannot be
 * guessed by trying; the address is kept only as a keyed hash in the limiter's counters, never with a report.
 */
@Controller()
export class ReportController {
  constructor(
    private readonly reports: ReportService,
    @Optional() @Inject(REPORTER_SESSION_LOOKUP) private readonly reporterSessions: ReporterSessionLookup | null,
  ) {}

  @ContractRoute(routes.create)
  async submit(@RouteInput() { body }: In<'create'>, @ClientAddress() address: string, @Req() request: FastifyRequest) {
    // Only a real-name report belongs to its signed-in reporter; an anonymous one's token is not even looked up.
    const reporterSessionId = body.mode === 'real_name' ? ((await this.reporterSessions?.sessionIdOf(request)) ?? null) : null;
    return this.reports.fileOnline(body, address, reporterSessionId ? { reporterSessionId } : {});
  }

  @RateLimit('query_code')
  @ContractRoute(routes.lookup)
  lookup(@RouteInput() { body }: In<'lookup'>) {
    return this.reports.lookup(body.queryCode);
  }

  @RateLimit('query_code')
  @ContractRoute(reporter.rate)
  rate(@RouteInput() { body }: ReporterIn<'rate'>, @Req() request: FastifyRequest) {
    const staffClient = !!request.headers.authorization || cookieToken(request) !== null;
    return this.reports.rate(
      body.queryCode,
      { rating: body.rating, reasons: body.reasons ?? [], comment: body.comment },
      body.idempotencyKey,
      staffClient,
    );
  }

  @RateLimit('query_code')
  @ContractRoute(reporter.requestReview)
  requestReview(@RouteInput() { body }: ReporterIn<'requestReview'>) {
    return this.reports.requestReview(body.queryCode, body.reason, body.idempotencyKey);
  }

  @RateLimit('query_code')
  @ContractRoute(reporter.addInfo)
  addInfo(@RouteInput() { body }: ReporterIn<'addInfo'>) {
    return this.reports.addInfo(body.queryCode, body.text, body.idempotencyKey);
  }
}
