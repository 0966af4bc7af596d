import dayjs from 'dayjs';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000; // China keeps UTC+8 all year, without daylight saving.

/** The calendar date in China at an instant, as `YYYY-MM-DD`. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

export function addCalendarDays(date: string, days: number): string {
  return dayjs(date).add(days, 'day').format('YYYY-MM-DD');
}

/** `2026-12-18` as people write it: 2026年12月18日. */
export function spokenDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
