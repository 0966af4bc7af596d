import { describe, expect, it } from '@jest/globals';
import { overdueText, overdueTitle } from './overdue';

describe('overdue disclosures in words', () => {
  it('names the kind, the period and the day it was due', () => {
    const finance = { kind: 'finance', period: '2026-10', dueOn: '2026-11-10' } as const;
    expect(overdueTitle(finance)).toBe('本期财务未按时公开');
    expect(overdueText(finance)).toBe('2026年10月的财务应于11月10日前公开');
    expect(overdueText({ kind: 'village', period: '2026-Q3', dueOn: '2026-10-15' })).toBe('2026年第三季度的村务应于10月15日前公开');
  });

  it('keeps the year of a due date that falls in the next year', () => {
    expect(overdueText({ kind: 'party', period: '2026-Q4', dueOn: '2027-01-15' })).toBe('2026年第四季度的党务应于2027年1月15日前公开');
    expect(overdueTitle({ kind: 'party' })).toBe('本期党务未按时公开');
  });
});
