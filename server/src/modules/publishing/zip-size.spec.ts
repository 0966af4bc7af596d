import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { zipInflatedSize } from './zip-size.js';

describe('zipInflatedSize', () => {
  it('adds up what the entries of a real workbook inflate to, without inflating them', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('名单').addRows(Array.from({ length: 2000 }, (_, i) => [`村民${i}`, '耕地地力保护补贴', 'x'.repeat(200)]));
    const file = Buffer.from(await book.xlsx.writeBuffer());
    const inflated = zipInflatedSize(file);
    expect(inflated).toBeGreaterThan(2000 * 100);
    expect(inflated).toBeGreaterThan(file.length * 5);
  });

  it('answers null for bytes that are not a zip', () => {
    expect(zipInflatedSize(Buffer.from('%PDF-1.4 not a zip at all, just text'))).toBeNull();
  });
});
