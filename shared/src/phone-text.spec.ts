import { describe, expect, it } from '@jest/globals';
import { splitPhoneNumbers } from './phone-text.js';

describe('splitPhoneNumbers', () => {
  it('finds mobiles, landlines and the 12345 hotline in a reply', () => {
    expect(splitPhoneNumbers('请联系王书记13912345678或0551-1234567，也可拨打12345。')).toEqual([
      { kind: 'text', text: '请联系王书记' },
      { kind: 'phone', text: '13912345678', dial: '13912345678' },
      { kind: 'text', text: '或' },
      { kind: 'phone', text: '0551-1234567', dial: '05511234567' },
      { kind: 'text', text: '，也可拨打' },
      { kind: 'phone', text: '12345', dial: '12345' },
      { kind: 'text', text: '。' },
    ]);
  });

  it('leaves other numbers alone: amounts, dates, a query code, a number too short or too long', () => {
    for (const text of [
      '补贴12000元',
      '2026年11月28日',
      '1234567890123456789012345',
      '电话1391234567',
      '139123456789',
      '12345.6',
      '12388元',
    ]) {
      expect(splitPhoneNumbers(text).filter((p) => p.kind === 'phone')).toEqual([]);
    }
  });

  it('gives plain text back whole', () => {
    expect(splitPhoneNumbers('已处理')).toEqual([{ kind: 'text', text: '已处理' }]);
    expect(splitPhoneNumbers('')).toEqual([]);
  });
});
