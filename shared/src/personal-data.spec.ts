import { describe, expect, it } from '@jest/globals';
import { findPersonalNumbers, isValidIdNumber, maskPersonalNumbers } from './personal-data.js';

// Made-up numbers with correct check characters (computed by GB 11643's weights by hand and by isValidIdNumber).
const VALID_ID = '11010519491231002X';
const VALID_ID_2 = '341821199003074538';

describe('resident ID numbers', () => {
  it('accepts a number whose check character matches', () => {
    expect(isValidIdNumber(VALID_ID)).toBe(true);
    expect(isValidIdNumber(VALID_ID.toLowerCase())).toBe(true);
    expect(isValidIdNumber(VALID_ID_2)).toBe(true);
  });

  it('refuses a wrong check character, a wrong length or letters', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    expect(isValidIdNumber('34182119900307453')).toBe(false);
    expect(isValidIdNumber('3418211990030745380')).toBe(false);
    expect(isValidIdNumber('3418211990O3074538')).toBe(false);
  });
});

describe('finding and masking personal numbers', () => {
  it('masks ID and mobile numbers inside free text', () => {
    expect(maskPersonalNumbers(`张三（身份证${VALID_ID_2}，电话13812345678）领取补贴`)).toBe(
      '张三（身份证3418**********4538，电话138****5678）领取补贴',
    );
  });

  it('leaves numbers alone that are not personal: a wrong check digit, longer digit runs, landlines, amounts', () => {
    const text = '合同号110105194912310021，账号62170012345678901234，电话0556-1234567，金额12345678901.00';
    expect(maskPersonalNumbers(text)).toBe(text);
    expect(findPersonalNumbers(text)).toEqual([]);
  });

  it('lists what it finds in the order it appears', () => {
    expect(findPersonalNumbers(`13912345678 与 ${VALID_ID}`)).toEqual([
      { kind: 'mobile', value: '13912345678' },
      { kind: 'id_number', value: VALID_ID },
    ]);
  });
});
