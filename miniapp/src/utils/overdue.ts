import type { OverdueDisclosure } from '@mashang/shared';
import { chineseDate } from './format';
import { periodText } from './period';

/** The kinds of 三务公开 as a villager says them. */
export const OVERDUE_KIND_WORDS: Record<OverdueDisclosure['kind'], string> = { finance: '财务', village: '村务', party: '党务' };

/** 「本期财务未按时公开」 */
export function overdueTitle(o: Pick<OverdueDisclosure, 'kind'>): string {
  return `本期${OVERDUE_KIND_WORDS[o.kind]}未按时公开`;
}

/** The due date, without its year when that is the period's own year: 「11月10日」, 「2027年1月15日」. */
export function dueDateText(o: Pick<OverdueDisclosure, 'period' | 'dueOn'>): string {
  const date = chineseDate(o.dueOn);
  return o.dueOn.slice(0, 4) === o.period.slice(0, 4) ? date.replace(/^\d{4}年/, '') : date;
}

/** 「2026年10月的财务应于11月10日前公开」 */
export function overdueText(o: OverdueDisclosure): string {
  return `${periodText(o.period)}的${OVERDUE_KIND_WORDS[o.kind]}应于${dueDateText(o)}前公开`;
}
