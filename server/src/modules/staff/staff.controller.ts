import { Controller } from '@nestjs/common';
import { contract } from '@mashang/shared';
import { ContractRoute, type ParsedInput, RouteInput } from '../../common/contract-route.js';
import { RateLimit } from '../../common/rate-limit/rate-limit.guard.js';
import { AuditService } from '../audit/audit.service.js';
import { AccountView } from './account-view.js';
import { AdminService } from './admin.service.js';
import { AuthService } from './auth.service.js';
import { ClearsSessionCookie, IssuesSessionCookie } from './session-cookie.js';
import { ClientAddress, CurrentStaff, CurrentToken } from './staff-auth.guard.js';
import { EnrolmentService } from './enrolment.service.js';
import type { StaffAccountEntity } from './staff-account.entity.js';

const staff = contract.staff;
const admin = contract.admin;
type StaffIn<K extends keyof typeof staff> = ParsedInput<(typeof staff)[K]>;
type AdminIn<K extends keyof typeof admin> = ParsedInput<(typeof admin)[K]>;

@Controller()
export class StaffController {
  constructor(
    private readonly auth: AuthService,
    private readonly enrolment: EnrolmentService,
    private readonly views: AccountView,
  ) {}

  /** Rate-limited per address; failures also slow down each (username, address) pair. */
  @RateLimit('login')
  @IssuesSessionCookie()
  @ContractRoute(staff.login)
  login(@RouteInput() { body }: StaffIn<'login'>, @ClientAddress() client: string) {
    return this.auth.login(body.username, body.password, client);
  }

  @RateLimit('login')
  @IssuesSessionCookie()
  @ContractRoute(staff.loginTwoFactor)
  loginTwoFactor(@RouteInput() { body }: StaffIn<'loginTwoFactor'>, @ClientAddress() client: string) {
    return this.auth.loginTwoFactor(body.challenge, body.code, client);
  }

  @ContractRoute(staff.changePassword)
  changePassword(
    @CurrentStaff() account: StaffAccountEntity,
    @CurrentToken() token: string,
    @RouteInput() { body }: StaffIn<'changePassword'>,
    @ClientAddress() client: string,
  ) {
    return this.auth.changePassword(account, token, body, client);
  }

  @ContractRoute(staff.twoFactorSetup)
  twoFactorSetup(@CurrentStaff() account: StaffAccountEntity) {
    return this.enrolment.begin(account);
  }

  @ContractRoute(staff.twoFactorConfirm)
  twoFactorConfirm(
    @CurrentStaff() account: StaffAccountEntity,
    @RouteInput() { body }: StaffIn<'twoFactorConfirm'>,
    @ClientAddress() client: string,
  ) {
    return this.enrolment.confirm(account, body.code, client);
  }

  @ClearsSessionCookie()
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
