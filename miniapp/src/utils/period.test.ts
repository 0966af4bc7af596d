import { describe, expect, it } from '@jest/globals';
import { periodOf, periodParts, periodText } from './period';

describe('periods', () => {
  it('reads each form in plain words', () => {
    expect(periodText('2026')).toBe('2026年度');
    expect(periodText('2026-Q3')).toBe('2026年第三季度');
    expect(periodText('2026-10')).toBe('2026年10月');
    expect(periodText('2026-10-08')).toBe('2026年10月8日');
    expect(periodText('十月')).toBe('十月');
  });

  it('edits a period in parts and spells it back as the API does', () => {
    const today = '2026-11-28';
    expect(periodParts('', today)).toMatchObject({ form: 'month', year: '2026', month: '11', quarter: '4' });
    for (const period of ['2025', '2026-Q1', '2026-03', '2026-10-08']) expect(periodOf(periodParts(period, today))).toBe(period);
    expect(periodOf({ ...periodParts('', today), form: 'date', date: '2026/10/8' })).toBe('2026-10-08');
    expect(periodOf({ ...periodParts('', today), form: 'date', date: '2026年10月8日' })).toBe('2026-10-08');
  });
});
