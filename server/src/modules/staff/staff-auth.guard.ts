import { type CanActivate, type ExecutionContext, Injectable, createParamDecorator } from '@nestjs/common';
import { type ErrorCode, type RouteSpec, contract, errorMessage } from '@mashang/shared';
import type { FastifyRequest } from 'fastify';
import { routeSpecOf } from '../../common/contract-route.js';
import { DomainError } from '../../common/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { AccountPolicy } from './account-policy.js';
import { AuthService } from './auth.service.js';
import { cookieToken } from './session-cookie.js';
import type { StaffAccountEntity } from './staff-account.entity.js';

type StaffRequest = FastifyRequest & { staff?: StaffAccountEntity; staffToken?: string };

/** What a session may do while its account still owes a step: that step, and nothing else. */
const ALLOWED_WHILE_PENDING: Record<'PASSWORD_CHANGE_REQUIRED' | 'TWO_FACTOR_SETUP_REQUIRED', readonly RouteSpec[]> = {
  PASSWORD_CHANGE_REQUIRED: [contract.staff.me, contract.staff.logout, contract.staff.changePassword],
  TWO_FACTOR_SETUP_REQUIRED: [
    contract.staff.me,
    contract.staff.logout,
    contract.staff.changePassword,
    contract.staff.twoFactorSetup,
    contract.staff.twoFactorConfirm,
  ],
};

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
  constructor(
    private readonly auth: AuthService,
    private readonly policy: AccountPolicy,
    private readonly audit: AuditService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const route = routeSpecOf(context.getHandler());
    if (!route?.auth) return true;
    const request = context.switchToHttp().getRequest<StaffRequest>();
    // The mini program sends a bearer token; the H5 pages, the HttpOnly session cookie.
    const token = bearerToken(request) ?? cookieToken(request);
    const account = token ? await this.auth.authenticate(token) : null;
    if (!account || !token) throw new DomainError('UNAUTHENTICATED');
    const pending = this.policy.pendingStep(account);
    const refusal: ErrorCode | null =
      pending && !ALLOWED_WHILE_PENDING[pending].includes(route)
        ? pending
        : route.auth !== 'any' && !route.auth.includes(account.role)
          ? 'FORBIDDEN'
          : null;
    if (refusal) {
      if (route === contract.case.reveal) {
        await this.audit.recordRefusedReveal(account.id, (request.params as Record<string, unknown>).reportNo, errorMessage(refusal));
      }
      throw new DomainError(refusal);
    }
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

/** The client's key for counting sign-in attempts, as the configured proxies report its address. */
export { ClientAddress } from '../../common/client-address.js';
