import { Injectable } from '@nestjs/common';
import type { AccountCreate, AccountUpdate, StaffAccount } from '@mashang/shared';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { RegionRepository } from '../region/region.repository.js';
import { isUniqueViolation } from '../../database/unique-violation.js';
import { AccountView } from './account-view.js';
import { hashPassword, temporaryPassword } from './passwords.js';
import type { StaffAccountEntity } from './staff-account.entity.js';
import { StaffRepository } from './staff.repository.js';

/** Account administration, limited to the admin's own region and those under it. */
@Injectable()
export class AdminService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly regions: RegionRepository,
    private readonly views: AccountView,
    private readonly clock: Clock,
  ) {}

  async accounts(admin: StaffAccountEntity): Promise<{ items: StaffAccount[] }> {
    return { items: await this.views.list(await this.staff.listInRegion(admin.regionCode)) };
  }

  async create(admin: StaffAccountEntity, input: AccountCreate): Promise<{ account: StaffAccount; temporaryPassword: string }> {
    if (!input.regionCode.startsWith(admin.regionCode) || (await this.regions.findMany([input.regionCode])).length === 0) {
      throw new DomainError('VALIDATION_FAILED', [{ field: 'body.regionCode', message: '这个区划不存在或不在您的管辖范围内' }]);
    }
    const password = temporaryPassword();
    try {
      const account = await this.staff.create({
        username: input.username,
        displayName: input.displayName,
        role: input.role,
        regionCode: input.regionCode,
        passwordHash: await hashPassword(password),
        disabled: 0,
        failedLogins: 0,
        lockedUntil: null,
        createdAt: this.clock.now(),
      });
      return { account: await this.views.of(account), temporaryPassword: password };
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('USERNAME_TAKEN');
      throw error;
    }
  }

  async update(admin: StaffAccountEntity, id: number, changes: AccountUpdate): Promise<StaffAccount> {
    const account = await this.accountInRegion(admin, id);
    await this.staff.update(id, {
      ...(changes.displayName ? { displayName: changes.displayName } : {}),
      ...(changes.disabled === undefined ? {} : { disabled: changes.disabled ? 1 : 0 }),
    });
    if (changes.disabled) await this.staff.revokeSessionsOf(id, this.clock.now());
    return this.views.of((await this.staff.findById(account.id))!);
  }

  async resetPassword(admin: StaffAccountEntity, id: number): Promise<{ account: StaffAccount; temporaryPassword: string }> {
    const account = await this.accountInRegion(admin, id);
    const password = temporaryPassword();
    await this.staff.update(id, { passwordHash: await hashPassword(password), failedLogins: 0, lockedUntil: null });
    await this.staff.revokeSessionsOf(id, this.clock.now());
    return { account: await this.views.of(account), temporaryPassword: password };
  }

  /** An account outside the admin's region answers as one that does not exist. */
  private async accountInRegion(admin: StaffAccountEntity, id: number): Promise<StaffAccountEntity> {
    const account = await this.staff.findById(id);
    if (!account || !account.regionCode.startsWith(admin.regionCode)) throw new DomainError('ACCOUNT_NOT_FOUND');
    return account;
  }
}
