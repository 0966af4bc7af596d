import { type CaseDue, DUE_DATE_KINDS, type StaffAccount } from '@mashang/shared';
import { chineseDate, pageUrl } from '../utils/format';

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
 * The time left on a deadline as every staff page reads it, from the server's one count (case
 * page, inbox and alerts never disagree): 「已逾期N天」 red once past, 「今天到期」 and
 * 「还剩N个工作日」 / 「还剩N天」 (in the unit its rule counts) orange within three days, plain otherwise.
 */
export function timeLeft(due: Pick<CaseDue, 'daysLeft' | 'left' | 'unit' | 'metAt'>): { text: string; tone: TimeTone } {
  if (due.metAt) return { text: '已完成', tone: 'ok' };
  if (due.daysLeft < 0) return { text: `已逾期${-due.daysLeft}天`, tone: 'overdue' };
  const tone: TimeTone = due.daysLeft <= NEAR_DAYS ? 'near' : 'ok';
  if (due.daysLeft === 0) return { text: '今天到期', tone };
  return { text: `还剩${due.left}${due.unit === 'workday' ? '个工作日' : '天'}`, tone };
}

/** 「告知是否受理 11月30日，还剩2个工作日」: the deadline, its last day without the year when it is this year's, and the time left. */
export function dueLabel(
  due: Pick<CaseDue, 'kind' | 'dueOn' | 'provisional' | 'daysLeft' | 'left' | 'unit' | 'metAt'>,
  today = chinaToday(),
): string {
  return `${DUE_DATE_KINDS[due.kind]} ${shortDate(due.dueOn, today)}${due.provisional ? '（预计）' : ''}，${timeLeft(due).text}`;
}

/** 「11月30日」 for a day (or moment) of this year in China, 「2025年11月30日」 for another year's. */
export function shortDate(value: string, today = chinaToday()): string {
  const date = chineseDate(value);
  return date.startsWith(`${today.slice(0, 4)}年`) ? date.slice(5) : date;
}

/** Today in China time, `YYYY-MM-DD`. */
export function chinaToday(now: number = Date.now()): string {
  return new Date(now + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
