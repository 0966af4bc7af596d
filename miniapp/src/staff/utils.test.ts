import { describe, expect, it } from '@jest/globals';
import { chinaToday, dueLabel, homePage, shortDate, staffUrl, timeLeft } from './utils';

const due = (daysLeft: number, left = daysLeft, unit: 'workday' | 'calendar' = 'calendar') =>
  ({ kind: 'acceptance', dueOn: '2026-11-30', provisional: false, metAt: null, overdue: daysLeft < 0, daysLeft, left, unit }) as const;

describe('time left on a deadline', () => {
  it('is red with the days overdue once past', () => {
    expect(timeLeft(due(-1, 0))).toEqual({ text: '已逾期1天', tone: 'overdue' });
    expect(timeLeft(due(-12, 0))).toEqual({ text: '已逾期12天', tone: 'overdue' });
  });

  it("is orange from three days left down to the last day, counted in the rule's unit", () => {
    expect(timeLeft(due(3, 2, 'workday'))).toEqual({ text: '还剩2个工作日', tone: 'near' });
    expect(timeLeft(due(1))).toEqual({ text: '还剩1天', tone: 'near' });
    expect(timeLeft(due(0))).toEqual({ text: '今天到期', tone: 'near' });
  });

  it('is plain with more than three days left, and done once met', () => {
    expect(timeLeft(due(4))).toEqual({ text: '还剩4天', tone: 'ok' });
    expect(timeLeft({ ...due(-3, 0), metAt: '2026-11-20T02:00:00Z' })).toEqual({ text: '已完成', tone: 'ok' });
  });

  it('names the deadline and its day, without this year', () => {
    expect(dueLabel(due(4, 2, 'workday'), '2026-11-26')).toBe('告知是否受理 11月30日，还剩2个工作日');
    expect(dueLabel(due(-3, 0), '2026-12-03')).toBe('告知是否受理 11月30日，已逾期3天');
    expect(dueLabel(due(40), '2025-12-20')).toBe('告知是否受理 2026年11月30日，还剩40天');
  });

  it('dates a moment by its China day, with the year only when it is not this year', () => {
    expect(shortDate('2026-11-30T17:00:00.000Z', '2026-12-01')).toBe('12月1日');
    expect(shortDate('2025-11-30', '2026-12-01')).toBe('2025年11月30日');
  });
});

describe('staff helpers', () => {
  it('builds subpackage URLs without empty values', () => {
    expect(staffUrl('case', { no: 'ABCDEFGH23', x: '' })).toBe('/staff/pages/case/index?no=ABCDEFGH23');
    expect(staffUrl('inbox')).toBe('/staff/pages/inbox/index');
  });

  it('takes the date in China time', () => {
    expect(chinaToday(Date.parse('2026-11-27T17:00:00Z'))).toBe('2026-11-28');
    expect(chinaToday(Date.parse('2026-11-27T15:59:00Z'))).toBe('2026-11-27');
  });
});

describe('homePage', () => {
  it('sends each role where it works; village staff never reach the cases', () => {
    expect(homePage({ role: 'admin' })).toBe('admin');
    expect(homePage({ role: 'township_handler' })).toBe('inbox');
    expect(homePage({ role: 'county_supervisor' })).toBe('inbox');
    expect(homePage({ role: 'village_publisher' })).toBe('village-staff');
    expect(homePage({ role: 'village_supervisor' })).toBe('village-staff');
  });
});
