import type { StaffAccount } from '@mashang/shared';
import { pageUrl } from '../utils/format';

/** Roles that handle reports. Village staff never do: they may be the very people reported on. */
export function worksCases(account: Pick<StaffAccount, 'role'>): boolean {
  return account.role === 'township_handler' || account.role === 'county_supervisor';
}

/** Where an account lands after login: admins their pages, case handlers the inbox, village staff their own page. */
export function homePage(account: Pick<StaffAccount, 'role'>): 'admin' | 'inbox' | 'village-staff' {
  if (account.role === 'admin') return 'admin';
  return worksCases(account) ? 'inbox' : 'village-staff';
}

/** Builds `/staff/pages/x/index?a=1`, leaving out empty values. */
export function staffUrl(page: string, query: Parameters<typeof pageUrl>[1] = {}): string {
  return `/staff${pageUrl(page, query)}`;
}

export type TimeTone = 'overdue' | 'near' | 'ok';

/** Days within which an open deadline counts as near (orange). */
export const NEAR_DAYS = 3;

/**
 * The time left on a deadline as a handler reads it: 「逾期N天」 red once past, 「今天到期」 and
 * 「剩N天」 orange within three days, plain otherwise.
 */
export function timeLeft(daysLeft: number): { text: string; tone: TimeTone } {
  if (daysLeft < 0) return { text: `逾期${-daysLeft}天`, tone: 'overdue' };
  const tone: TimeTone = daysLeft <= NEAR_DAYS ? 'near' : 'ok';
  if (daysLeft === 0) return { text: '今天到期', tone };
  return { text: `剩${daysLeft}天`, tone };
}

/** Today in China time, `YYYY-MM-DD`. */
export function chinaToday(now: number = Date.now()): string {
  return new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
