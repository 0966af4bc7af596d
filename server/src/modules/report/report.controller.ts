import { Controller, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { contract } from '@mashang/shared';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import { ReportService } from './report.service.js';

const routes = contract.report;
const reporter = contract.reporter;
type In<K extends keyof typeof routes> = ParsedInput<(typeof routes)[K]>;
type ReporterIn<K extends keyof typeof reporter> = ParsedInput<(typeof reporter)[K]>;

@Controller()
export class ReportController {
  constructor(private readonly reports: ReportService) {}

  @ContractRoute(routes.create)
  submit(@RouteInput() { body }: In<'create'>) {
    return this.reports.submit(body);
  }

  /** Rate-limited per client address; the address lives only in the limiter's memory. */
  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ login: true })
  @ContractRoute(routes.lookup)
  lookup(@RouteInput() { body }: In<'lookup'>) {
    return this.reports.lookup(body.queryCode);
  }

  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ login: true })
  @ContractRoute(reporter.rate)
  rate(@RouteInput() { body }: ReporterIn<'rate'>) {
    return this.reports.rate(body.queryCode, body.rating, body.comment);
  }

  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ login: true })
  @ContractRoute(reporter.requestReview)
  requestReview(@RouteInput() { body }: ReporterIn<'requestReview'>) {
    return this.reports.requestReview(body.queryCode, body.reason);
  }

  @UseGuards(ThrottlerGuard)
  @SkipThrottle({ login: true })
  @ContractRoute(reporter.addInfo)
  addInfo(@RouteInput() { body }: ReporterIn<'addInfo'>) {
    return this.reports.addInfo(body.queryCode, body.text);
  }
}
