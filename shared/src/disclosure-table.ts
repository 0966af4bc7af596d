import type { DisclosureTable } from './schemas/disclosure.js';

/** A line's first cell that marks it a total, not a line of its own: 合计, 收入合计, 本月小计, 总计. */
const TOTAL_LABEL = /^\s*(?:\S{0,8}(?:合计|小计|总计))\s*$/;
const AMOUNT_COLUMN = /（元）$/;
const DATE_COLUMN = /日期$/;
/** Columns that name what a line is about, best first. */
const NAME_COLUMNS = ['摘要', '项目名称', '资产资源名称', '姓名', '户主姓名', '事项', '项目', '会议名称'];

/** Whether a cell names a total line (合计, 收入合计…). */
export function isTotalLabel(cell: string): boolean {
  return TOTAL_LABEL.test(cell);
}

export interface TableLine {
  /** The line's place in the published table (what a report cites). */
  index: number;
  cells: string[];
}

/** The table's own lines and its total lines (合计, 收入合计…), each with its place in the table. */
export function splitTotals(table: DisclosureTable): { lines: TableLine[]; totals: TableLine[] } {
  const lines: TableLine[] = [];
  const totals: TableLine[] = [];
  table.rows.forEach((cells, index) => (cells.slice(0, 2).some(isTotalLabel) ? totals : lines).push({ index, cells }));
  return { lines, totals };
}

/** `12,345.60` → 12345.6; empty or not a number → null. */
export function amountOf(text: string | undefined): number | null {
  const cleaned = (text ?? '').replace(/[,，\s元]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** 12345.6 → `12,345.60` */
export function formatAmount(value: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

export interface FinanceSummary {
  income: number;
  expense: number;
  /** 收入 − 支出 of the period. */
  balance: number;
}

/**
 * 收入 / 支出 / 结余 of a finance table: from its 收入（元） and 支出（元） columns (the lines, not the
 * 合计 line), or from a summary's 收入合计 and 支出合计 lines; null when the table has neither.
 */
export function financeSummary(table: DisclosureTable): FinanceSummary | null {
  const { lines, totals } = splitTotals(table);
  const incomeColumn = table.columns.findIndex((c) => /^收入/.test(c) && AMOUNT_COLUMN.test(c));
  const expenseColumn = table.columns.findIndex((c) => /^支出/.test(c) && AMOUNT_COLUMN.test(c));
  const sum = (column: number) => lines.reduce((total, line) => total + (amountOf(line.cells[column]) ?? 0), 0);
  let income: number | null;
  let expense: number | null;
  if (incomeColumn >= 0 && expenseColumn >= 0) {
    income = sum(incomeColumn);
    expense = sum(expenseColumn);
  } else {
    const amountColumn = table.columns.findIndex((c) => AMOUNT_COLUMN.test(c));
    const total = (label: RegExp) => totals.find((t) => label.test(t.cells[0] ?? ''))?.cells[amountColumn];
    income = amountColumn >= 0 ? amountOf(total(/^收入/)) : null;
    expense = amountColumn >= 0 ? amountOf(total(/^支出/)) : null;
  }
  if (income === null || expense === null) return null;
  const cents = (n: number) => Math.round(n * 100) / 100;
  return { income: cents(income), expense: cents(expense), balance: cents(income - expense) };
}

export interface TotalMismatch {
  column: string;
  stated: number;
  summed: number;
}

/**
 * Where a table's own 合计 (or 总计) line does not add up: for each amount column it states, the sum
 * of the lines when that differs by a cent or more. Partial totals (收入合计) are left alone.
 */
export function totalMismatches(table: DisclosureTable): TotalMismatch[] {
  const { lines, totals } = splitTotals(table);
  const grand = totals.find((t) => t.cells.slice(0, 2).some((c) => /^\s*(合计|总计)\s*$/.test(c)));
  if (!grand) return [];
  return table.columns.flatMap((column, c) => {
    const stated = AMOUNT_COLUMN.test(column) ? amountOf(grand.cells[c]) : null;
    if (stated === null) return [];
    const summed = Math.round(lines.reduce((total, line) => total + (amountOf(line.cells[c]) ?? 0), 0) * 100) / 100;
    return Math.abs(summed - stated) >= 0.01 ? [{ column, stated, summed }] : [];
  });
}

/** The month (`2026-10`) of a line, from its first date column; null when it has none. */
export function lineMonth(columns: readonly string[], cells: readonly string[]): string | null {
  const column = columns.findIndex((c) => DATE_COLUMN.test(c));
  const m = column >= 0 ? /^(\d{4})[-/.年](\d{1,2})/.exec(cells[column] ?? '') : null;
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}` : null;
}

/**
 * A table line in words both the villager and the officer understand: what it is about and its
 * amount, e.g. 「支付村道路灯维修材料费，支出2,350.00元」.
 */
export function lineWords(columns: readonly string[], cells: readonly string[]): string {
  const nameColumn = NAME_COLUMNS.map((n) => columns.indexOf(n)).find((i) => i >= 0 && cells[i]);
  const name = nameColumn !== undefined ? cells[nameColumn]! : (cells.find((c, i) => c && !DATE_COLUMN.test(columns[i] ?? '')) ?? '');
  const amountColumn = columns.findIndex((c, i) => AMOUNT_COLUMN.test(c) && cells[i]);
  const amount = amountColumn >= 0 ? `${columns[amountColumn]!.replace(AMOUNT_COLUMN, '')}${cells[amountColumn]}元` : '';
  return [name, amount].filter(Boolean).join('，');
}

/** What a report opened from a disclosure (or one of its lines) is about, in words. */
export function disclosureCitationWords(title: string, line?: { columns: readonly string[]; cells: readonly string[] } | null): string {
  return line ? `《${title}》中的一笔：${lineWords(line.columns, line.cells)}` : `《${title}》`;
}

/** What a report opened from a step of a power item's chart is about, in words. */
export function powerStepCitationWords(title: string, step: string | null): string {
  return step ? `《${title}》办理流程中的「${step}」这一步` : `《${title}》`;
}
