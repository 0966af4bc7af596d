import { Injectable } from '@nestjs/common';
import type { StaffAccount } from '@mashang/shared';
import { RegionRepository } from '../region/region.repository.js';
import { AccountPolicy } from './account-policy.js';
import type { StaffAccountEntity } from './staff-account.entity.js';

/** Maps accounts to the shared shape, with their region's name. */
@Injectable()
export class AccountView {
  constructor(
    private readonly regions: RegionRepository,
    private readonly policy: AccountPolicy,
  ) {}

  async of(account: StaffAccountEntity): Promise<StaffAccount> {
    return (await this.list([account]))[0]!;
  }

  async list(accounts: StaffAccountEntity[]): Promise<StaffAccount[]> {
    const regions = await this.regions.findMany([...new Set(accounts.map((a) => a.regionCode))]);
    const names = new Map(regions.map((r) => [r.code, r.name]));
    return accounts.map((a) => ({
      id: a.id,
      username: a.username,
      displayName: a.displayName,
      role: a.role,
      regionCode: a.regionCode,
      regionName: names.get(a.regionCode) ?? '',
      disabled: a.disabled === 1,
      mustChangePassword: a.mustChangePassword === 1,
      twoFactorEnabled: a.totpSecret !== null,
      twoFactorRequired: this.policy.twoFactorRequired(a),
    }));
  }
}
