import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { SpreadsheetError, importTable, tableTemplate, tableWorkbook } from './disclosure-spreadsheet.js';

const ID = '341821199003074538';

async function workbook(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('名单').addRows(rows);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function problemsOf(promise: Promise<unknown>): Promise<string[]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof SpreadsheetError) return error.problems.map((p) => p.message);
    throw error;
  }
  throw new Error('the file was accepted');
}

describe('importing a filled-in template', () => {
  it('reads an Excel file made from the template, with real dates and numbers', async () => {
    const template = new ExcelJS.Workbook();
    await template.xlsx.load((await tableTemplate('subsidy_list')) as unknown as ArrayBuffer);
    const sheet = template.worksheets[0]!;
    sheet.addRow(['王大山', ID, '耕地地力保护补贴', 8.5, 1200, new Date(Date.UTC(2026, 9, 8))]);
    sheet.addRow([]);
    sheet.addRow(['李小河', '3418**********1217', '耕地地力保护补贴', '3', '1,360.5', '2026年10月8日']);
    const table = await importTable('subsidy_list', Buffer.from(await template.xlsx.writeBuffer()), 'xlsx');
    expect(table).toEqual({
      columns: ['姓名', '身份证号', '补贴项目', '面积（亩）', '补贴金额（元）', '发放日期'],
      rows: [
        ['王大山', ID, '耕地地力保护补贴', '8.5', '1200.00', '2026-10-08'],
        ['李小河', '3418**********1217', '耕地地力保护补贴', '3', '1360.50', '2026-10-08'],
      ],
    });
  });

  it('reads a CSV file with the columns in another order', async () => {
    const csv = '\uFEFF补贴金额（元）,姓名,身份证号,补贴项目,面积（亩）,发放日期\n1200,王大山,' + ID + ',耕地地力保护补贴,8.5,2026/10/08\n';
    expect((await importTable('subsidy_list', Buffer.from(csv), 'csv')).rows).toEqual([
      ['王大山', ID, '耕地地力保护补贴', '8.5', '1200.00', '2026-10-08'],
    ]);
  });

  it('names the row and column of every bad cell and imports nothing', async () => {
    const file = await workbook([
      ['姓名', '身份证号', '补贴项目', '面积（亩）', '补贴金额（元）', '发放日期'],
      ['王大山', '341821199003074539', '耕地地力保护补贴', '8.5', '一千二', '2026-02-30'],
      ['', ID, '耕地地力保护补贴', '三亩', '1200', '2026-10-08'],
    ]);
    expect(await problemsOf(importTable('subsidy_list', file, 'xlsx'))).toEqual([
      '第2行第2列（身份证号）：身份证号校验位不对，请核对；在 Excel 里填写时请先把这一列设为文本格式，否则后几位会丢失',
      '第2行第5列（补贴金额（元））：应为金额，如 1200.00',
      '第2行第6列（发放日期）：这个日期不存在',
      '第3行第1列（姓名）：不能为空',
      '第3行第4列（面积（亩））：应为数字',
    ]);
  });

  it('says which columns a file of the wrong type lacks', async () => {
    const file = await workbook([['日期', '摘要', '收入（元）', '支出（元）', '经手人', '备注']]);
    expect(await problemsOf(importTable('subsidy_list', file, 'xlsx'))).toEqual([
      '第一行应为表头：姓名、身份证号、补贴项目、面积（亩）、补贴金额（元）、发放日期；缺少「姓名」「身份证号」「补贴项目」「面积（亩）」「补贴金额（元）」「发放日期」。请下载模板填写',
    ]);
  });

  it('refuses a file that is not a spreadsheet', async () => {
    expect(await problemsOf(importTable('subsidy_list', Buffer.from('%PDF-1.4 not a workbook'), 'xlsx'))).toEqual([
      '文件无法打开，请确认是 Excel（.xlsx）文件',
    ]);
  });
});

describe('exporting a published table', () => {
  it('writes the title, the columns and every row', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      (await tableWorkbook('补贴名单', { columns: ['姓名', '金额'], rows: [['王大山', '1200.00']] })) as unknown as ArrayBuffer,
    );
    const values = book.worksheets[0]!.getSheetValues()
      .slice(1)
      .map((row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(values).toEqual([['补贴名单'], ['姓名', '金额'], ['王大山', '1200.00']]);
  });
});

describe('ID numbers that Excel stored as numbers', () => {
  it('reminds the publisher to format the column as text, since Excel drops the last digits', async () => {
    const file = await workbook([
      ['姓名', '身份证号', '补贴项目', '面积（亩）', '补贴金额（元）', '发放日期'],
      // What Excel holds when an ID is typed into a number cell: a double, which cannot keep 18 digits.
      ['王大山', Number(ID), '耕地地力保护补贴', 8.5, 1200, '2026-10-08'],
    ]);
    expect(await problemsOf(importTable('subsidy_list', file, 'xlsx'))).toEqual([
      '第2行第2列（身份证号）：身份证号校验位不对，请核对；在 Excel 里填写时请先把这一列设为文本格式，否则后几位会丢失',
    ]);
  });
});

describe('a file that claims to unpack to far more than any list', () => {
  it('is refused before it is unpacked', async () => {
    const file = await workbook([['姓名', '身份证号', '补贴项目', '面积（亩）', '补贴金额（元）', '发放日期']]);
    // Rewrite the sizes the central directory claims (a zip bomb's trick) without changing the data.
    const end = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    let at = file.readUInt32LE(end + 16);
    for (let n = 0; n < file.readUInt16LE(end + 10); n++) {
      file.writeUInt32LE(0x7fffffff, at + 24);
      at += 46 + file.readUInt16LE(at + 28) + file.readUInt16LE(at + 30) + file.readUInt16LE(at + 32);
    }
    expect(await problemsOf(importTable('subsidy_list', file, 'xlsx'))).toEqual(['文件解开后太大了，请只保留要公开的那张表后重新导入']);
  });
});
