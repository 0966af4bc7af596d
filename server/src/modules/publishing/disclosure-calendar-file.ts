import { readFileSync } from 'node:fs';
import { type DisclosureCalendar, DisclosureCalendarSchema } from '@mashang/shared';

export const DEFAULT_DISCLOSURE_CALENDAR_FILE = new URL('../../../../config/disclosure-calendar.json', import.meta.url).pathname;

/** Reads and validates the shipped calendar; a mistake names the file and the field. */
export function loadDisclosureCalendar(file: string): DisclosureCalendar {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the disclosure calendar ${file}: ${(error as Error).message}`, { cause: error });
  }
  const parsed = DisclosureCalendarSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid disclosure calendar in ${file}:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
