const CHINESE_DIGITS = ['零', '一', '两', '三', '四', '五', '六', '七', '八', '九', '十'];

/** The retention period as a villager says it: 「一年（365天）」, 「两年（730天）」, or 「90天」. */
export function retentionWords(days: number): string {
  const years = days / 365;
  if (Number.isInteger(years) && years >= 1 && years <= 10) return `${CHINESE_DIGITS[years]}年（${days}天）`;
  return `${days}天`;
}

/** What the server keeps when nothing else is configured (RETENTION_DAYS). */
export const DEFAULT_RETENTION_DAYS = 365;
