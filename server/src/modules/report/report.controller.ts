import { Controller, UseGuards, applyDecorators } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { contract } from '@mashang/shared';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import { ReportService } from './report.service.js';

const routes = contract.report;
const reporter = contract.reporter;
type In<K extends keyof typeof routes> = ParsedInput<(typeof routes)[K]>;
type ReporterIn<K extends keyof typeof reporter> = ParsedInput<(typeof reporter)[K]>;

/**
 * Everything done with a query code is rate-limited per client address, so codes cannot be
 * guessed by trying; the address lives only in the limiter's memory, never with a report.
 */
const QueryCodeThrottle = () => applyDecorators(UseGuards(ThrottlerGuard), SkipThrottle({ login: true }));

@Controller()
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  @ContractRoute(routes.create)
  submit(@RouteInput() { body }: In<'create'>) {
    return this.reports.submit(body);
  }

  @QueryCodeThrottle()
  @ContractRoute(routes.lookup)
  lookup(@RouteInput() { body }: In<'lookup'>) {
    return this.reports.lookup(body.queryCode);
  }

  @QueryCodeThrottle()
  @ContractRoute(reporter.rate)
  rate(@RouteInput() { body }: ReporterIn<'rate'>) {
    return this.reports.rate(body.queryCode, body.rating, body.comment);
  }

  @QueryCodeThrottle()
  @ContractRoute(reporter.requestReview)
  requestReview(@RouteInput() { body }: ReporterIn<'requestReview'>) {
    return this.reports.requestReview(body.queryCode, body.reason);
  }

  @QueryCodeThrottle()
  @ContractRoute(reporter.addInfo)
  addInfo(@RouteInput() { body }: ReporterIn<'addInfo'>) {
    return this.reports.addInfo(body.queryCode, body.text);
  }
}
