import { describe, expect, it } from '@jest/globals';
import { maskPersonalData, maskTable } from './mask-personal-data.js';

describe('maskPersonalData', () => {
  it('masks resident ID numbers and mobile numbers in the published format', () => {
    expect(maskPersonalData('341821199001011234')).toBe('3418**********1234');
    expect(maskPersonalData('34182119900101123X')).toBe('3418**********123X');
    expect(maskPersonalData('电话13812345678，请联系')).toBe('电话138****5678，请联系');
  });

  it('leaves amounts, dates and already masked values alone', () => {
    for (const text of ['1,200.00', '2026-10-01', '3418**********1234', '138****5678', '12345678901234567890123']) {
      expect(maskPersonalData(text)).toBe(text);
    }
  });

  it('masks every cell of a table', () => {
    const table = { columns: ['姓名', '身份证号', '电话'], rows: [['王大山', '341821196502031217', '13955667788']] };
    expect(maskTable(table)?.rows).toEqual([['王大山', '3418**********1217', '139****7788']]);
  });
});
