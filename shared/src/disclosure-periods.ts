import type { DisclosureCalendar, OverdueDisclosure } from './schemas/disclosure-calendar.js';
import type { DisclosureKind } from './labels.js';

const DAY_MS = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The period a village must have published by now for each kind: the latest one whose grace has run out. */
export function duePeriods(calendar: DisclosureCalendar, today: string): OverdueDisclosure[] {
  const todayMs = Date.parse(`${today}T00:00:00Z`);
  const due: OverdueDisclosure[] = [];
  for (const kind of ['finance', 'village', 'party'] as const) {
    const rhythm = calendar.kinds[kind];
    if (!rhythm) continue;
    const months = rhythm.every === 'month' ? 1 : 3;
    const now = new Date(todayMs);
    // Start from the period containing today and step back until one is past its due date.
    let startMonth = Math.floor((now.getUTCFullYear() * 12 + now.getUTCMonth()) / months) * months;
    for (;;) {
      const start = Date.UTC(Math.floor(startMonth / 12), startMonth % 12, 1);
      const end = Date.UTC(Math.floor((startMonth + months) / 12), (startMonth + months) % 12, 1) - DAY_MS;
      const dueOn = end + rhythm.graceDays * DAY_MS;
      if (dueOn < todayMs) {
        if (iso(start) >= calendar.startsOn) {
          const year = Math.floor(startMonth / 12);
          const period =
            months === 1 ? `${year}-${String((startMonth % 12) + 1).padStart(2, '0')}` : `${year}-Q${(startMonth % 12) / 3 + 1}`;
          due.push({ kind, period, dueOn: iso(dueOn) });
        }
        break;
      }
      startMonth -= months;
    }
  }
  return due;
}

/** Whether a published period (`2026-10`, `2026-Q3`, `2026-10-08`) answers a due one. */
export function periodCovers(published: string, due: string): boolean {
  if (published === due) return true;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(due);
  if (!quarter) return published.startsWith(`${due}-`);
  const month = /^(\d{4})-(\d{2})/.exec(published);
  return !!month && month[1] === quarter[1] && Math.ceil(Number(month[2]) / 3) === Number(quarter[2]);
}

/** What a village still owes, from the periods it has published of each kind. */
export function overdueOf(due: OverdueDisclosure[], published: Array<{ kind: DisclosureKind; period: string }>): OverdueDisclosure[] {
  return due.filter((d) => !published.some((p) => p.kind === d.kind && periodCovers(p.period, d.period)));
}
