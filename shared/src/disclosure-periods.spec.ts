import { describe, expect, it } from '@jest/globals';
import { duePeriods, overdueOf, periodCovers } from './disclosure-periods.js';
import type { DisclosureCalendar } from './schemas/disclosure-calendar.js';

const CALENDAR: DisclosureCalendar = {
  startsOn: '2026-01-01',
  kinds: { finance: { every: 'month', graceDays: 10 }, village: { every: 'quarter', graceDays: 15 }, party: null },
};

describe('the periods due', () => {
  it('asks for last month once its grace has run out, and the month before until then', () => {
    expect(duePeriods(CALENDAR, '2026-11-10')).toEqual([
      { kind: 'finance', period: '2026-09', dueOn: '2026-10-10' },
      { kind: 'village', period: '2026-Q3', dueOn: '2026-10-15' },
    ]);
    expect(duePeriods(CALENDAR, '2026-11-11')[0]).toEqual({ kind: 'finance', period: '2026-10', dueOn: '2026-11-10' });
  });

  it('crosses the year and leaves out periods before the calendar starts', () => {
    expect(duePeriods(CALENDAR, '2027-01-20')).toEqual([
      { kind: 'finance', period: '2026-12', dueOn: '2027-01-10' },
      { kind: 'village', period: '2026-Q4', dueOn: '2027-01-15' },
    ]);
    expect(duePeriods(CALENDAR, '2026-01-31')).toEqual([]);
  });
});

describe('what covers a due period', () => {
  it('takes the period itself, a date inside a month, and a month or date inside a quarter', () => {
    expect(periodCovers('2026-10', '2026-10')).toBe(true);
    expect(periodCovers('2026-10-08', '2026-10')).toBe(true);
    expect(periodCovers('2026-11', '2026-10')).toBe(false);
    expect(periodCovers('2026-08', '2026-Q3')).toBe(true);
    expect(periodCovers('2026-10', '2026-Q3')).toBe(false);
    expect(periodCovers('2025-08', '2026-Q3')).toBe(false);
  });

  it('keeps what was not published', () => {
    const due = duePeriods(CALENDAR, '2026-11-11');
    expect(overdueOf(due, [{ kind: 'village', period: '2026-09-30' }])).toEqual([
      { kind: 'finance', period: '2026-10', dueOn: '2026-11-10' },
    ]);
  });
});
