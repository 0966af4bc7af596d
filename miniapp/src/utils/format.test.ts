import { describe, expect, it } from '@jest/globals';
import { chineseDate, chineseDateTime } from './format';

describe('chineseDate', () => {
  it('writes a China date as people read it', () => {
    expect(chineseDate('2026-11-06')).toBe('2026年11月6日');
  });

  it('moves a UTC time to the China date first: published at 07:00 in China is that day, not the day before', () => {
    expect(chineseDate('2026-11-05T23:00:00.000Z')).toBe('2026年11月6日');
    expect(chineseDate('2026-11-05T15:59:59.000Z')).toBe('2026年11月5日');
  });

  it('leaves text it cannot read as it is', () => {
    expect(chineseDate('不详')).toBe('不详');
  });
});

describe('chineseDateTime', () => {
  it('shows China time', () => {
    expect(chineseDateTime('2026-11-05T23:05:00.000Z')).toBe('2026年11月6日 07:05');
  });
});
