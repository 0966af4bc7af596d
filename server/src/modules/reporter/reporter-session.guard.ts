import { type CanActivate, type ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../common/domain-error.js';
import type { ReporterSessionEntity } from './reporter.entities.js';
import { ReporterSessions } from './reporter-sessions.js';

type WithReporterSession = FastifyRequest & { reporterSession?: ReporterSessionEntity };

/** A route for a signed-in reporter: without a live session in X-Reporter-Token it answers REPORTER_SESSION_EXPIRED. */
@Injectable()
export class ReporterSessionGuard implements CanActivate {
  constructor(private readonly sessions: ReporterSessions) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WithReporterSession>();
    const session = await this.sessions.fromRequest(request);
    if (!session) throw new DomainError('REPORTER_SESSION_EXPIRED');
    request.reporterSession = session;
    return true;
  }
}

/** The session ReporterSessionGuard found. */
export const SignedInReporter = createParamDecorator((_: unknown, context: ExecutionContext): ReporterSessionEntity => {
  const session = context.switchToHttp().getRequest<WithReporterSession>().reporterSession;
  if (!session) throw new Error('@SignedInReporter() used on a route without ReporterSessionGuard');
  return session;
});
