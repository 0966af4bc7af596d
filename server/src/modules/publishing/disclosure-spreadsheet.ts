import { Readable } from 'node:stream';
import {
  DISCLOSURE_TABLE_COLUMNS,
  DISCLOSURE_TYPES,
  type DisclosureTable,
  type DisclosureType,
  type FieldError,
  isValidIdNumber,
} from '@mashang/shared';
import ExcelJS from 'exceljs';
import { zipInflatedSize } from './zip-size.js';

export type SpreadsheetFormat = 'xlsx' | 'csv';

/** Rows beyond what any village list needs; a bigger file is more likely the wrong one. */
export const MAX_IMPORT_ROWS = 5_000;
/** Enough errors to fix a file in one go without burying the first ones. */
const MAX_REPORTED_ERRORS = 50;

type CellCheck = (value: string) => { value: string } | { error: string };

const AMOUNT = /^-?\d+(\.\d{1,2})?$/;
const NUMBER = /^\d+(\.\d+)?$/;

/** What a column holds, read from its name. */
function checkFor(column: string): CellCheck | null {
  if (column.includes('（元）')) {
    return (value) => {
      const plain = value.replace(/[,，\s]/g, '');
      return AMOUNT.test(plain) ? { value: Number(plain).toFixed(2) } : { error: '应为金额，如 1200.00' };
    };
  }
  if (column.includes('日期')) {
    return (value) => {
      const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(value);
      if (!match) return { error: '应为日期，如 2026-10-08' };
      const [, y, m, d] = match;
      const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
      if (date.getUTCMonth() !== Number(m) - 1 || date.getUTCDate() !== Number(d)) return { error: '这个日期不存在' };
      return { value: date.toISOString().slice(0, 10) };
    };
  }
  if (column.includes('身份证')) {
    return (value) => {
      const id = value.toUpperCase();
      if (isValidIdNumber(id) || /^\d{4}\*{10}\d{3}[\dX]$/.test(id)) return { value: id };
      if (!/^\d{17}[\dX]$/.test(id)) return { error: '应为18位身份证号' };
      // Excel keeps 15 significant digits of a number: an ID typed into a number cell loses its last ones.
      return { error: '身份证号校验位不对，请核对；在 Excel 里填写时请先把这一列设为文本格式，否则后几位会丢失' };
    };
  }
  if (column.includes('（亩）') || column.includes('人数')) {
    return (value) => (NUMBER.test(value) ? { value } : { error: '应为数字' });
  }
  return null;
}

/** A cell as text: Excel dates become `YYYY-MM-DD`, formulas their result, rich text its characters. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  // A long number typed into a cell formatted as a number: show its digits, not 3.4e+17.
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result);
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value) return String(value.text);
    return '';
  }
  return String(value).trim();
}

export class SpreadsheetError extends Error {
  constructor(readonly problems: FieldError[]) {
    super('spreadsheet refused');
  }
}

/** The template a publisher fills in: the type's columns, bold, wide enough to read. */
export async function tableTemplate(type: DisclosureType): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(DISCLOSURE_TYPES[type]);
  const columns = DISCLOSURE_TABLE_COLUMNS[type];
  sheet.addRow([...columns]).font = { bold: true };
  sheet.columns.forEach((column) => (column.width = 18));
  // ID numbers as text, so Excel keeps all 18 characters of what is typed.
  columns.forEach((name, i) => {
    if (name.includes('身份证')) sheet.getColumn(i + 1).numFmt = '@';
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A published table as a workbook, with its title on the first row. */
export async function tableWorkbook(title: string, table: DisclosureTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('公开表格');
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.addRow(table.columns).font = { bold: true };
  sheet.addRows(table.rows);
  sheet.columns.forEach((column) => (column.width = 18));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** More than any 5,000-row list unpacks to; a file claiming more is refused before it is unpacked. */
const MAX_INFLATED_BYTES = 64 * 1024 * 1024;

async function readRows(file: Buffer, format: SpreadsheetFormat): Promise<string[][]> {
  if (format === 'xlsx' && (zipInflatedSize(file) ?? 0) > MAX_INFLATED_BYTES) {
    throw new SpreadsheetError([{ field: 'body.file', message: '文件解开后太大了，请只保留要公开的那张表后重新导入' }]);
  }
  const workbook = new ExcelJS.Workbook();
  try {
    const sheet =
      format === 'xlsx'
        ? (await workbook.xlsx.load(file as unknown as ArrayBuffer)).worksheets[0]
        : await workbook.csv.read(Readable.from(file.toString('utf8').replace(/^\uFEFF/, '')), { map: (value: unknown) => value });
    if (!sheet) return [];
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      rows.push(values.map((v) => cellText(v)));
    });
    return rows;
  } catch {
    throw new SpreadsheetError([
      { field: 'body.file', message: format === 'xlsx' ? '文件无法打开，请确认是 Excel（.xlsx）文件' : '文件无法读取，请确认是 CSV 文件' },
    ]);
  }
}

/**
 * Reads a filled-in template into a table of the type, checking every cell. Any problem refuses the
 * whole file with each row and column named, so nothing is ever half-imported.
 */
export async function importTable(type: DisclosureType, file: Buffer, format: SpreadsheetFormat): Promise<DisclosureTable> {
  const rows = await readRows(file, format);
  const headerIndex = rows.findIndex((row) => row.some((cell) => cell !== ''));
  const expected = DISCLOSURE_TABLE_COLUMNS[type];
  const header = (rows[headerIndex] ?? []).map((cell) => cell.trim());
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  const missing = expected.filter((column) => !header.includes(column));
  if (headerIndex < 0 || missing.length > 0) {
    throw new SpreadsheetError([
      {
        field: 'body.file',
        message: `第一行应为表头：${expected.join('、')}${missing.length ? `；缺少「${missing.join('」「')}」` : ''}。请下载模板填写`,
      },
    ]);
  }
  const positions = expected.map((column) => header.indexOf(column));
  const checks = expected.map(checkFor);
  const problems: FieldError[] = [];
  const table: string[][] = [];
  rows.slice(headerIndex + 1).forEach((row, i) => {
    const cells = positions.map((position) => row[position] ?? '');
    if (cells.every((cell) => cell === '')) return;
    const line = headerIndex + i + 2;
    const checked = cells.map((cell, c) => {
      const column = expected[c]!;
      if (c === 0 && cell === '') {
        problems.push({
          field: `body.file.rows.${line}.${positions[c]! + 1}`,
          message: `第${line}行第${positions[c]! + 1}列（${column}）：不能为空`,
        });
        return cell;
      }
      const check = checks[c];
      if (!check || cell === '') return cell;
      const result = check(cell);
      if ('error' in result) {
        problems.push({
          field: `body.file.rows.${line}.${positions[c]! + 1}`,
          message: `第${line}行第${positions[c]! + 1}列（${column}）：${result.error}`,
        });
        return cell;
      }
      return result.value;
    });
    table.push(checked);
  });
  if (table.length > MAX_IMPORT_ROWS)
    throw new SpreadsheetError([{ field: 'body.file', message: `表格超过${MAX_IMPORT_ROWS}行，请分成几次公开` }]);
  if (problems.length > 0) throw new SpreadsheetError(problems.slice(0, MAX_REPORTED_ERRORS));
  if (table.length === 0) throw new SpreadsheetError([{ field: 'body.file', message: '表格里没有数据行' }]);
  return { columns: [...expected], rows: table };
}
