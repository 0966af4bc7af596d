import { Controller } from '@nestjs/common';
import { contract } from '@mashang/shared';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import { RateLimit } from '../../common/rate-limit/rate-limit.guard.js';
import { AuditService } from '../audit/audit.service.js';
import { AccountView } from './account-view.js';
import { AdminService } from './admin.service.js';
import { AuthService } from './auth.service.js';
import { CurrentStaff, CurrentToken } from './staff-auth.guard.js';
import type { StaffAccountEntity } from './staff-account.entity.js';

const staff = contract.staff;
const admin = contract.admin;
type StaffIn<K extends keyof typeof staff> = ParsedInput<(typeof staff)[K]>;
type AdminIn<K extends keyof typeof admin> = ParsedInput<(typeof admin)[K]>;

@Controller()
export class StaffController {
  constructor(
    private readonly auth: AuthService,
    private readonly views: AccountView,
  ) {}

  /** Rate-limited per address; the per-account lockout lives with the account. */
  @RateLimit('login')
  @ContractRoute(staff.login)
  login(@RouteInput() { body }: StaffIn<'login'>) {
    return this.auth.login(body.username, body.password);
  }

  @ContractRoute(staff.logout)
  async logout(@CurrentToken() token: string) {
    await this.auth.logout(token);
    return { ok: true };
  }

  @ContractRoute(staff.me)
  me(@CurrentStaff() account: StaffAccountEntity) {
    return this.views.of(account);
  }
}

@Controller()
export class AdminController {
  constructor(
    private readonly admin: AdminService,
    private readonly audit: AuditService,
  ) {}

  @ContractRoute(admin.accounts)
  accounts(@CurrentStaff() me: StaffAccountEntity) {
    return this.admin.accounts(me);
  }

  @ContractRoute(admin.createAccount)
  createAccount(@CurrentStaff() me: StaffAccountEntity, @RouteInput() { body }: AdminIn<'createAccount'>) {
    return this.admin.create(me, body);
  }

  @ContractRoute(admin.updateAccount)
  updateAccount(@CurrentStaff() me: StaffAccountEntity, @RouteInput() { params, body }: AdminIn<'updateAccount'>) {
    return this.admin.update(me, params.id, body);
  }

  @ContractRoute(admin.resetPassword)
  resetPassword(@CurrentStaff() me: StaffAccountEntity, @RouteInput() { params }: AdminIn<'resetPassword'>) {
    return this.admin.resetPassword(me, params.id);
  }

  @ContractRoute(admin.auditLog)
  async auditLog(@CurrentStaff() me: StaffAccountEntity) {
    return { items: await this.audit.list(me.regionCode) };
  }
}
