import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/working-calendar.js';
import { dueDatesOnReceipt } from './due-dates.js';

const calendar = new WorkingCalendar();

describe('dueDatesOnReceipt', () => {
  it('counts from the China date of receipt, not the UTC date', () => {
    // 16:30 UTC on 8 Oct is 00:30 on Fri 9 Oct in China: counting starts on Sat 10 Oct (make-up day).
    const [due] = dueDatesOnReceipt(calendar, new Date('2026-10-08T16:30:00Z'), 'real_name');
    expect(due).toEqual({ kind: 'acceptance', dueOn: '2026-10-29', provisional: false });
  });

  it('holds an anonymous report to the same clock as a real-name one', () => {
    const at = new Date('2026-09-30T02:00:00Z');
    expect(dueDatesOnReceipt(calendar, at, 'anonymous')).toEqual(dueDatesOnReceipt(calendar, at, 'real_name'));
  });
});
