/**
 * A China date `2026-11-27` → `2026年11月27日`. An ISO time (UTC) is first moved to China time,
 * so something published at 07:00 in China is not shown on the day before.
 */
export function chineseDate(value: string): string {
  const time = value.length > 10 ? new Date(value) : null;
  if (time && !Number.isNaN(time.getTime())) value = new Date(time.getTime() + 8 * 3600 * 1000).toISOString();
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!match) return value;
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

/** ISO time → `2026年11月27日 14:05` in China time. */
export function chineseDateTime(value: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) return value;
  const china = new Date(time.getTime() + 8 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${china.getUTCFullYear()}年${china.getUTCMonth() + 1}月${china.getUTCDate()}日 ${pad(china.getUTCHours())}:${pad(china.getUTCMinutes())}`;
}

/** Builds `/pages/x/index?a=1&b=2`, leaving out empty values. */
export function pageUrl(page: string, query: Record<string, string | number | undefined | null> = {}): string {
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`);
  return `/pages/${page}/index${parts.length ? `?${parts.join('&')}` : ''}`;
}
