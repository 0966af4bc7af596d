import { Controller, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import { contract } from '@mashang/shared';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import { ReportService } from './report.service.js';

const routes = contract.report;
type In<K extends keyof typeof routes> = ParsedInput<(typeof routes)[K]>;

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
}
