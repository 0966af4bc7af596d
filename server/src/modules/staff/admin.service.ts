import { Injectable } from '@nestjs/common';
import {
  type AccountCreate,
  type AccountUpdate,
  ROLE_REGION_DIGITS,
  ROLE_REGION_MISMATCH,
  STAFF_ROLES,
  type StaffAccount,
} from '@mashang/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { ALL_CONTENT, bumpContentVersions } from '../../common/content-versions/content-versions.js';
import { DomainError } from '../../common/domain-error.js';
import { isUniqueViolation } from '../../database/unique-violation.js';
import { type AuditChange, AuditService } from '../audit/audit.service.js';
import { RegionRepository } from '../region/region.repository.js';
import { AccountView } from './account-view.js';
import { PasswordHasher, temporaryPassword } from './passwords.js';
import type { StaffAccountEntity } from './staff-account.entity.js';
import { StaffRepository } from './staff.repository.js';
import { TwoFactor } from './two-factor.js';

/** Account administration, limited to the admin's own region and those under it; every change is audited. */
@Injectable()
export class AdminService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly regions: RegionRepository,
    private readonly views: AccountView,
    private readonly passwords: PasswordHasher,
    private readonly twoFactor: TwoFactor,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly dataSource: DataSource,
  ) {}

  async accounts(admin: StaffAccountEntity): Promise<{ items: StaffAccount[] }> {
    return { items: await this.views.list(await this.staff.listInRegion(admin.regionCode)) };
  }

  async create(admin: StaffAccountEntity, input: AccountCreate): Promise<{ account: StaffAccount; temporaryPassword: string }> {
    const regionName = await this.regionWithin(admin, input.regionCode);
    if (input.role === 'admin') this.managesAdminsAt(admin, input.regionCode);
    const password = temporaryPassword(input.username);
    let account: StaffAccountEntity;
    try {
      account = await this.staff.create({
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        regionCode: input.regionCode,
        passwordHash: await this.passwords.hash(password),
        disabled: 0,
        createdAt: this.clock.now(),
        mustChangePassword: 1,
        passwordResetAt: null,
        totpSecret: null,
        totpPendingSecret: null,
        totpEnabledAt: null,
        totpLastStep: null,
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('USERNAME_TAKEN');
      throw error;
    }
    await this.audit.record({
      actorId: admin.id,
      action: 'account_created',
      targetAccountId: account.id,
      changes: [
        { field: 'displayName', from: null, to: account.displayName },
        { field: 'role', from: null, to: STAFF_ROLES[account.role] },
        { field: 'regionCode', from: null, to: regionName },
      ],
    });
    return { account: await this.views.of(account), temporaryPassword: password };
  }

  /** Renames, disables or enables an account, or moves it to another role or region (which ends its sessions). */
  async update(admin: StaffAccountEntity, id: number, changes: AccountUpdate): Promise<StaffAccount> {
    const account = await this.manageableAccount(admin, id);
    const role = changes.role ?? account.role;
    const regionCode = changes.regionCode ?? account.regionCode;
    if (role === 'admin') this.managesAdminsAt(admin, regionCode);
    const moved = role !== account.role || regionCode !== account.regionCode;
    if (moved && !ROLE_REGION_DIGITS[role].includes(regionCode.length)) {
      throw new DomainError('VALIDATION_FAILED', [
        { field: changes.regionCode ? 'body.regionCode' : 'body.role', message: ROLE_REGION_MISMATCH },
      ]);
    }
    const audited: AuditChange[] = [];
    if (changes.displayName !== undefined && changes.displayName !== account.displayName) {
      audited.push({ field: 'displayName', from: account.displayName, to: changes.displayName });
    }
    if (role !== account.role) audited.push({ field: 'role', from: STAFF_ROLES[account.role], to: STAFF_ROLES[role] });
    if (regionCode !== account.regionCode) {
      const [from] = await this.regions.findMany([account.regionCode]);
      audited.push({ field: 'regionCode', from: from?.name ?? account.regionCode, to: await this.regionWithin(admin, regionCode) });
    }
    const disabled = changes.disabled === undefined ? account.disabled : changes.disabled ? 1 : 0;
    if (audited.length) {
      await this.staff.update(id, { displayName: changes.displayName ?? account.displayName, role, regionCode });
      // Public disclosures name their signers: a rename is shown on every instance's cached pages at once.
      if (changes.displayName !== undefined && changes.displayName !== account.displayName) {
        await bumpContentVersions(this.dataSource.manager, [ALL_CONTENT]);
      }
      await this.audit.record({ actorId: admin.id, action: 'account_updated', targetAccountId: id, changes: audited });
    }
    if (disabled !== account.disabled) {
      await this.staff.update(id, { disabled });
      await this.audit.record({
        actorId: admin.id,
        action: disabled ? 'account_disabled' : 'account_enabled',
        targetAccountId: id,
        changes: [{ field: 'disabled', from: account.disabled ? '已停用' : '正常', to: disabled ? '已停用' : '正常' }],
      });
    }
    // A disabled account, or one whose powers changed, signs in again.
    if ((disabled && !account.disabled) || moved) await this.staff.revokeSessionsOf(id, this.clock.now());
    return this.views.of((await this.staff.findById(account.id))!);
  }

  /**
   * A new temporary password, to be changed at the next sign-in. It also ends the two-factor
   * enrolment (the usual reason for a reset is a lost phone), so the holder enrols again.
   */
  async resetPassword(admin: StaffAccountEntity, id: number): Promise<{ account: StaffAccount; temporaryPassword: string }> {
    const account = await this.manageableAccount(admin, id);
    const password = temporaryPassword(account.username);
    await this.staff.update(id, {
      passwordHash: await this.passwords.hash(password),
      mustChangePassword: 1,
      passwordResetAt: this.clock.now(),
    });
    await this.twoFactor.remove(id);
    await this.staff.revokeSessionsOf(id, this.clock.now());
    await this.audit.record({ actorId: admin.id, action: 'password_reset', targetAccountId: id });
    return { account: await this.views.of((await this.staff.findById(id))!), temporaryPassword: password };
  }

  /** The name of a region the admin may put accounts in: its own or one under it, and one that exists. */
  private async regionWithin(admin: StaffAccountEntity, regionCode: string): Promise<string> {
    const [region] = regionCode.startsWith(admin.regionCode) ? await this.regions.findMany([regionCode]) : [];
    if (!region) throw new DomainError('VALIDATION_FAILED', [{ field: 'body.regionCode', message: '这个区划不存在或不在您的管辖范围内' }]);
    return region.name;
  }

  /**
   * An account the admin may change: not its own (its password changes through the change-password
   * route), and an admin account only from a strictly higher level (a province's admin over a county's).
   */
  private async manageableAccount(admin: StaffAccountEntity, id: number): Promise<StaffAccountEntity> {
    const account = await this.accountInRegion(admin, id);
    if (account.id === admin.id) throw new DomainError('ACCOUNT_NOT_MANAGEABLE');
    if (account.role === 'admin') this.managesAdminsAt(admin, account.regionCode);
    return account;
  }

  /** Admins are managed only by an admin of a strictly higher level, never by a peer. */
  private managesAdminsAt(admin: StaffAccountEntity, regionCode: string): void {
    if (!(regionCode.startsWith(admin.regionCode) && regionCode.length > admin.regionCode.length)) {
      throw new DomainError('ACCOUNT_NOT_MANAGEABLE');
    }
  }

  /** An account outside the admin's region answers as one that does not exist. */
  private async accountInRegion(admin: StaffAccountEntity, id: number): Promise<StaffAccountEntity> {
    const account = await this.staff.findById(id);
    if (!account || !account.regionCode.startsWith(admin.regionCode)) throw new DomainError('ACCOUNT_NOT_FOUND');
    return account;
  }
}
