import { describe, expect, it } from '@jest/globals';
import { WorkingCalendar } from '../calendar/working-calendar.js';
import { DeadlineCalculator } from './deadline-calculator.js';
import { DEFAULT_DEADLINE_RULES_FILE, type DeadlineRules, loadDeadlineRules } from './deadline-rules.js';

const rules = loadDeadlineRules(DEFAULT_DEADLINE_RULES_FILE);
const calculator = new DeadlineCalculator(rules, new WorkingCalendar());
/** 10:00 in China on the given date. */
const at = (date: string) => new Date(`${date}T02:00:00Z`);

describe('DeadlineCalculator with the shipped rules', () => {
  it('gives a real-name accusation received on 30 Sep 2026 until 27 Oct to be told of acceptance', () => {
    // Working days after 30 Sep: 8, 9, 10 (Sat make-up), 12–16, 19–23, 26, 27 Oct.
    expect(calculator.startedBy('received', 'accusation', 'real_name', at('2026-09-30'))).toEqual([
      { kind: 'acceptance', date: '2026-10-27', provisional: false },
    ]);
  });

  it('counts from the China date of receipt, not the UTC date', () => {
    // 16:30 UTC on 8 Oct is 00:30 on Fri 9 Oct in China: counting starts on Sat 10 Oct (make-up day).
    expect(calculator.startedBy('received', 'accusation', 'real_name', new Date('2026-10-08T16:30:00Z'))[0]?.date).toBe('2026-10-29');
  });

  it('holds an anonymous accusation to the same clock', () => {
    expect(calculator.startedBy('received', 'accusation', 'anonymous', at('2026-09-30'))[0]?.date).toBe('2026-10-27');
  });

  it('counts an accusation received just before Spring Festival 2026 across the holiday', () => {
    // Fri 13 Feb; Sat 14 Feb make-up (1); 15–23 Feb holiday; 24–27 Feb (2–5); Sat 28 Feb make-up (6);
    // 2–6 Mar (7–11); 9–12 Mar (12–15).
    expect(calculator.startedBy('received', 'accusation', 'real_name', at('2026-02-13'))[0]?.date).toBe('2026-03-12');
  });

  it('moves a petition acceptance period that ends on National Day to the next working day', () => {
    // 15 calendar days after 16 Sep is Thu 1 Oct, a holiday; 1–7 Oct are off, so 8 Oct.
    expect(calculator.startedBy('received', 'petition', 'real_name', at('2026-09-16'))).toEqual([
      { kind: 'acceptance', date: '2026-10-08', provisional: false },
    ]);
  });

  it('moves a calendar period that ends on a Sunday to Monday, but keeps one ending on a make-up Saturday', () => {
    // 60 days after 4 Aug is Sat 3 Oct (holiday) → 8 Oct; 60 days after 11 Aug is Sat 10 Oct, a make-up working day.
    expect(calculator.startedBy('accepted', 'petition', 'real_name', at('2026-08-04'))[0]?.date).toBe('2026-10-08');
    expect(calculator.startedBy('accepted', 'petition', 'real_name', at('2026-08-11'))[0]?.date).toBe('2026-10-10');
    // 15 days after 31 Oct is Sun 15 Nov → Mon 16 Nov.
    expect(calculator.startedBy('received', 'petition', 'anonymous', at('2026-10-31'))[0]?.date).toBe('2026-11-16');
  });

  it('counts an extension from the unmoved end of the period, moving off a day off once, at the end', () => {
    const handling = rules.regimes.petition.deadlines.handling!;
    // Accepted Mon 3 Aug: 60 days end Fri 2 Oct (National Day, so the period alone ends Thu 8 Oct).
    expect(calculator.dueDate(handling, at('2026-08-03'))).toEqual({ date: '2026-10-08', provisional: false });
    // 60 + 30 days from 3 Aug is Sun 1 Nov, so Mon 2 Nov; not 8 Oct + 30 = Sat 7 Nov → Mon 9 Nov.
    expect(calculator.extendedDueDate(handling, at('2026-08-03'), { days: 30, unit: 'calendar' })).toEqual({
      date: '2026-11-02',
      provisional: false,
    });
    // No extension granted: the plain period.
    expect(calculator.extendedDueDate(handling, at('2026-08-03'), { days: 0, unit: 'calendar' }).date).toBe('2026-10-08');
    // A working-day extension of a calendar period: from the unmoved 2 Oct, 3 working days are 8, 9 and 10 Oct (make-up Sat).
    expect(calculator.extendedDueDate(handling, at('2026-08-03'), { days: 3, unit: 'workday' }).date).toBe('2026-10-10');
  });

  it('starts the review window and the review answer from their own events', () => {
    expect(calculator.startedBy('replied', 'petition', 'real_name', at('2026-11-02'))).toEqual([
      { kind: 'review_request', date: '2026-12-02', provisional: false },
    ]);
    expect(calculator.startedBy('review_requested', 'petition', 'real_name', at('2026-11-02'))[0]?.kind).toBe('review');
  });

  it('marks a date beyond the known official calendar as provisional', () => {
    expect(calculator.startedBy('received', 'accusation', 'real_name', at('2026-12-21'))[0]?.provisional).toBe(true);
    expect(calculator.startedBy('received', 'petition', 'real_name', at('2026-12-21'))[0]?.provisional).toBe(true);
  });

  it('owes feedback only to real-name reporters when the rules do not extend the clock to anonymous ones', () => {
    const strict: DeadlineRules = { ...rules, anonymousFollowsRealNameClock: false };
    const strictCalculator = new DeadlineCalculator(strict, new WorkingCalendar());
    expect(strictCalculator.startedBy('concluded', 'accusation', 'anonymous', at('2026-11-02'))).toEqual([]);
    expect(strictCalculator.startedBy('concluded', 'accusation', 'real_name', at('2026-11-02'))[0]?.kind).toBe('feedback');
  });
});
