import { describe, expect, it } from '@jest/globals';
import { chinaToday, homePage, staffUrl, timeLeft } from './utils';

describe('time left on a deadline', () => {
  it('is red with the days overdue once past', () => {
    expect(timeLeft(-1)).toEqual({ text: '逾期1天', tone: 'overdue' });
    expect(timeLeft(-12)).toEqual({ text: '逾期12天', tone: 'overdue' });
  });

  it('is orange from three days left down to the last day', () => {
    expect(timeLeft(3)).toEqual({ text: '剩3天', tone: 'near' });
    expect(timeLeft(1)).toEqual({ text: '剩1天', tone: 'near' });
    expect(timeLeft(0)).toEqual({ text: '今天到期', tone: 'near' });
  });

  it('is plain with more than three days left', () => {
    expect(timeLeft(4)).toEqual({ text: '剩4天', tone: 'ok' });
    expect(timeLeft(45)).toEqual({ text: '剩45天', tone: 'ok' });
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
