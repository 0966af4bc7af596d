/**
 * Times on a reporter's sign-in rows are kept coarse on purpose: a sign-in timed to the millisecond,
 * seconds before an anonymous report's received_at, would point at its author in a small village.
 * Creation is kept as the China day it fell on; ends are rounded up (never down, so nothing ends early).
 */
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** China has kept UTC+8 all year since 1991. */
const CHINA_OFFSET_MS = 8 * HOUR_MS;

/** The start (00:00 China time) of the China day `at` falls on. */
export function chinaDayStart(at: Date): Date {
  const local = at.getTime() + CHINA_OFFSET_MS;
  return new Date(local - (((local % DAY_MS) + DAY_MS) % DAY_MS) - CHINA_OFFSET_MS);
}

/** `at`, or the next China midnight after it. */
export function ceilToChinaDay(at: Date): Date {
  const start = chinaDayStart(at);
  return start.getTime() === at.getTime() ? start : new Date(start.getTime() + DAY_MS);
}

/** `at`, or the next whole hour after it. */
export function ceilToHour(at: Date): Date {
  return new Date(Math.ceil(at.getTime() / HOUR_MS) * HOUR_MS);
}
