import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { type Observable, from, mergeMap } from 'rxjs';
import { routeSpecOf } from '../../common/contract-route.js';
import { DeadlineRulesService } from './deadline-rules.service.js';

/**
 * Before every route that may compute or show due dates (anything but a public GET: filing, lookups,
 * staff and admin routes), makes sure this instance holds the deadline rules and holiday calendar an
 * admin last set through any instance. Public pages never depend on them, so their hot path pays nothing.
 */
@Injectable()
export class FreshDeadlineSettingsInterceptor implements NestInterceptor {
  constructor(private readonly rules: DeadlineRulesService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const route = routeSpecOf(context.getHandler());
    if (!route || (route.method === 'GET' && !route.auth)) return next.handle();
    return from(this.rules.ensureFresh()).pipe(mergeMap(() => next.handle()));
  }
}
