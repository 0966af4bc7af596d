import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { contract, errorMessage } from '@mashang/shared';
import type { FastifyRequest } from 'fastify';
import { type Observable, catchError, from, mergeMap, throwError } from 'rxjs';
import { routeSpecOf } from '../../common/contract-route.js';
import { DomainError } from '../../common/domain-error.js';
import { AuditService } from './audit.service.js';

type Request = FastifyRequest & { staff?: { id: number }; params: Record<string, unknown> };

/**
 * Writes a refused reveal of a reporter's identity to the audit log, whatever refused it in the
 * handler (a case outside the jurisdiction, a report with no identity, the wrong level). Refusals
 * by the sign-in guard are written there, since a guard's refusal never reaches an interceptor.
 */
@Injectable()
export class RefusedRevealInterceptor implements NestInterceptor {
  constructor(private readonly audit: AuditService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (routeSpecOf(context.getHandler()) !== contract.case.reveal) return next.handle();
    const request = context.switchToHttp().getRequest<Request>();
    return next.handle().pipe(
      catchError((error: unknown) => {
        const actor = request.staff;
        if (!actor || !(error instanceof DomainError)) return throwError(() => error);
        return from(this.audit.recordRefusedReveal(actor.id, request.params.reportNo, errorMessage(error.code))).pipe(
          mergeMap(() => throwError(() => error)),
        );
      }),
    );
  }
}
