import type { StaffAccountEntity } from '../staff/staff-account.entity.js';

/** An account sees its own region and every region under it: the code prefix says which. */
export function inJurisdiction(account: Pick<StaffAccountEntity, 'regionCode'>, villageCode: string): boolean {
  return villageCode.startsWith(account.regionCode);
}

export const countyOf = (code: string): string => code.slice(0, 6);
export const townshipOf = (code: string): string => code.slice(0, 9);

/** The township whose case a report is: its own village's, or the one it was transferred to. */
export const handlingTownshipOf = (report: { villageCode: string; handlingCode: string | null }): string =>
  report.handlingCode ?? townshipOf(report.villageCode);

/**
 * A township account sees the cases its township handles (not those it transferred away); a county
 * account every case of its villages; a wider account everything under it.
 */
export function caseInJurisdiction(
  account: Pick<StaffAccountEntity, 'regionCode'>,
  report: { villageCode: string; handlingCode: string | null },
): boolean {
  if (account.regionCode.length === 9) return handlingTownshipOf(report) === account.regionCode;
  return inJurisdiction(account, report.villageCode);
}

/**
 * Who reads a case in full (staff notes, the reporter's files, actions): an account whose case it is,
 * except a township once the case went up to the county. Anyone else gets the limited view, and
 * none of the reporter's files.
 */
export function fullCaseView(
  account: Pick<StaffAccountEntity, 'regionCode' | 'role'>,
  report: { villageCode: string; handlingCode: string | null; level: 'township' | 'county' },
): boolean {
  return caseInJurisdiction(account, report) && !(account.role === 'township_handler' && report.level === 'county');
}
