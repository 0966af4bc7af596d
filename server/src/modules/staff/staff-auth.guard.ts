import { type CanActivate, type ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { routeSpecOf } from '../../common/contract-route.js';
import { DomainError } from '../../common/domain-error.js';
import { AuthService } from './auth.service.js';
import type { StaffAccountEntity } from './staff-account.entity.js';

type StaffRequest = FastifyRequest & { staff?: StaffAccountEntity; staffToken?: string };

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  const match = header ? /^Bearer ([A-Za-z0-9_-]{20,100})$/.exec(header) : null;
  return match?.[1] ?? null;
}

/**
 * The one place that decides who may call a staff route: the contract names the roles, this
 * guard checks the session and the role. Jurisdiction over a case is checked by the services.
 */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const route = routeSpecOf(context.getHandler());
    if (!route?.auth) return true;
    const request = context.switchToHttp().getRequest<StaffRequest>();
    const token = bearerToken(request);
    const account = token ? await this.auth.authenticate(token) : null;
    if (!account || !token) throw new DomainError('UNAUTHENTICATED');
    if (route.auth !== 'any' && !route.auth.includes(account.role)) throw new DomainError('FORBIDDEN');
    request.staff = account;
    request.staffToken = token;
    return true;
  }
}

/** The signed-in account of a route whose contract requires one. */
export const CurrentStaff = createParamDecorator((_: unknown, context: ExecutionContext): StaffAccountEntity => {
  const staff = context.switchToHttp().getRequest<StaffRequest>().staff;
  if (!staff) throw new DomainError('UNAUTHENTICATED');
  return staff;
});

export const CurrentToken = createParamDecorator((_: unknown, context: ExecutionContext): string => {
  const token = context.switchToHttp().getRequest<StaffRequest>().staffToken;
  if (!token) throw new DomainError('UNAUTHENTICATED');
  return token;
});
