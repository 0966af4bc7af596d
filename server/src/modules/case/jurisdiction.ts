import type { StaffAccountEntity } from '../staff/staff-account.entity.js';

/** An account sees its own region and every region under it: the code prefix says which. */
export function inJurisdiction(account: Pick<StaffAccountEntity, 'regionCode'>, villageCode: string): boolean {
  return villageCode.startsWith(account.regionCode);
}

export const countyOf = (code: string): string => code.slice(0, 6);
export const townshipOf = (code: string): string => code.slice(0, 9);
