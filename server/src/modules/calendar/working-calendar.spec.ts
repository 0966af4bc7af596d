import { describe, expect, it } from '@jest/globals';
import { WorkingCalendar } from './working-calendar.js';

const calendar = new WorkingCalendar();

describe('WorkingCalendar with an admin-entered schedule', () => {
  // Made-up 2027 dates for the test: New Year on Fri 1 Jan, a make-up Saturday on 9 Jan.
  const withSchedule = () => {
    const c = new WorkingCalendar();
    c.useSchedules([{ year: 2027, holidays: ['2027-01-01'], workdays: ['2027-01-09'] }]);
    return c;
  };

  it('covers the year once its schedule is entered, and follows it', () => {
    const c = withSchedule();
    expect(c.sourceOf(2027)).toBe('admin');
    expect(c.sourceOf(2026)).toBe('package');
    expect(c.sourceOf(2028)).toBe('missing');
    expect(c.isWorkday('2027-01-01')).toBe(false);
    expect(c.isWorkday('2027-01-09')).toBe(true);
    expect(c.isWorkday('2027-01-11')).toBe(true);
  });

  it('stops marking counts into that year provisional', () => {
    const c = withSchedule();
    // From Mon 21 Dec 2026: 22, 23, 24, 25, 28, 29, 30, 31 Dec (8); 1 Jan off; 4–8 Jan (13); Sat 9 Jan (14); 11 Jan (15).
    expect(c.addWorkdays('2026-12-21', 15)).toEqual({ date: '2027-01-11', provisional: false });
    expect(new WorkingCalendar().addWorkdays('2026-12-21', 15).provisional).toBe(true);
  });
});

describe('WorkingCalendar', () => {
  it('knows National Day 2026 and its make-up Saturday', () => {
    expect(calendar.isWorkday('2026-10-01')).toBe(false);
    expect(calendar.isWorkday('2026-10-07')).toBe(false);
    expect(calendar.isWorkday('2026-10-10')).toBe(true); // Saturday, make-up working day
    expect(calendar.isWorkday('2026-10-11')).toBe(false); // ordinary Sunday
  });

  it('counts 15 working days from 30 Sep 2026 across National Day', () => {
    // Oct 8, 9, 10(Sat), 12–16, 19–23, 26, 27 → the 15th is Tue 27 Oct.
    expect(calendar.addWorkdays('2026-09-30', 15)).toEqual({ date: '2026-10-27', provisional: false });
  });

  it('counts 15 working days from Fri 13 Feb 2026 across Spring Festival', () => {
    // Sat 14 Feb is a make-up day (1); 15–23 Feb is the holiday; 24–27 Feb (2–5);
    // Sat 28 Feb make-up (6); 2–6 Mar (7–11); 9–12 Mar (12–15).
    expect(calendar.addWorkdays('2026-02-13', 15)).toEqual({ date: '2026-03-12', provisional: false });
  });

  it('does not count the day of receipt itself', () => {
    expect(calendar.addWorkdays('2026-11-23', 1).date).toBe('2026-11-24');
    expect(calendar.addWorkdays('2026-11-27', 1).date).toBe('2026-11-30'); // Friday → Monday
  });

  it('counts working days between two dates, the first excluded', () => {
    expect(calendar.workdaysBetween('2026-09-30', '2026-10-10')).toBe(3); // 8, 9, 10 Oct
    expect(calendar.workdaysBetween('2026-10-10', '2026-10-10')).toBe(0);
    expect(calendar.workdaysBetween('2026-10-12', '2026-10-10')).toBe(0);
  });

  it('marks a count that runs into a year without an official schedule as provisional', () => {
    expect(calendar.coversYear(2026)).toBe(true);
    expect(calendar.coversYear(2027)).toBe(false);
    const result = calendar.addWorkdays('2026-12-21', 15);
    expect(result.provisional).toBe(true);
    expect(result.date >= '2027-01-01').toBe(true);
    expect(calendar.addWorkdays('2026-11-02', 15).provisional).toBe(false);
  });
});
