import { describe, expect, it } from '@jest/globals';
import { checkQueryCode, formatQueryCode, normalizeQueryCode, typedQueryCodeGroups } from './query-code.js';

const digits = '0123456789012345678901234';

describe('query code format', () => {
  it('shows five groups of five digits', () => {
    expect(formatQueryCode(digits)).toBe('01234 56789 01234 56789 01234');
  });

  it('accepts what a person types: spaces, dashes, full-width commas', () => {
    expect(normalizeQueryCode('01234 56789 01234 56789 01234')).toBe(digits);
    expect(normalizeQueryCode(' 01234-56789-01234-56789-01234 ')).toBe(digits);
    expect(normalizeQueryCode('01234，56789，01234，56789，01234')).toBe(digits);
  });

  it('rejects codes of the wrong length or with letters', () => {
    expect(normalizeQueryCode('0123456789')).toBeNull();
    expect(normalizeQueryCode(`${digits}9`)).toBeNull();
    expect(normalizeQueryCode('01234 56789 01234 56789 0123A')).toBeNull();
  });
});

describe('checking a typed query code', () => {
  it('takes a pasted code with spaces, dashes or full-width digits', () => {
    expect(checkQueryCode(' 01234-56789 01234—56789 01234 ')).toEqual({ ok: true, digits });
    expect(checkQueryCode('０１２３４５６７８９０１２３４５６７８９０１２３４')).toEqual({ ok: true, digits });
  });

  it('names the group with a letter in it, and the digit it looks like', () => {
    expect(checkQueryCode('01234 56789 O1234 56789 01234')).toEqual({
      ok: false,
      group: 3,
      message: '第3组里有“O”：查询码只有数字，“O”应是数字0吧',
    });
    expect(checkQueryCode('0123456789012345678901#34')).toMatchObject({ ok: false, group: 5 });
  });

  it('names the first group of the wrong length when the code was typed in groups', () => {
    expect(checkQueryCode('01234 5678 01234 56789 01234')).toEqual({ ok: false, group: 2, message: '第2组是4位，每组应是5位数字' });
  });

  it('says how many digits are missing and from which group, or how many too many', () => {
    expect(checkQueryCode('0123456789012345678901')).toEqual({ ok: false, group: 5, message: '只输入了22位，还少3位：从第5组起不完整' });
    expect(checkQueryCode(`${digits}12`)).toEqual({ ok: false, group: null, message: '输入了27位，多了2位：查询码是25位数字' });
    expect(checkQueryCode('  ')).toEqual({ ok: false, group: null, message: '请输入查询码' });
  });

  it('shows what was typed in groups of five, or in the groups the person typed, always at least five', () => {
    expect(typedQueryCodeGroups('0123456789')).toEqual(['01234', '56789', '', '', '']);
    expect(typedQueryCodeGroups(`${digits}9`)).toEqual(['01234', '56789', '01234', '56789', '01234', '9']);
    expect(typedQueryCodeGroups('01234 5678 90123')).toEqual(['01234', '5678', '90123', '', '']);
    expect(typedQueryCodeGroups('01234 5678 9012345678901234')).toEqual(['01234', '5678', '90123', '45678', '90123', '4']);
    expect(typedQueryCodeGroups('')).toEqual(['', '', '', '', '']);
  });
});
