import { describe, expect, it } from '@jest/globals';
import {
  disclosureCitationWords,
  financeSummary,
  lineMonth,
  lineWords,
  powerStepCitationWords,
  splitTotals,
  totalMismatches,
} from './disclosure-table.js';

const monthly = {
  columns: ['日期', '摘要', '收入（元）', '支出（元）', '经办人'],
  rows: [
    ['2026-10-08', '收到镇财政拨付运转经费', '45,000.00', '', '王桂芳'],
    ['2026-10-16', '支付村道路灯维修材料费', '', '2,350.00', '李德明'],
    ['2026-11-02', '银行存款利息', '52.36', '', '王桂芳'],
    ['合计', '', '45,052.36', '2,350.00', ''],
  ],
};
const quarterly = {
  columns: ['项目', '金额（元）', '说明'],
  rows: [
    ['经营收入', '9,486.20', ''],
    ['收入合计', '118,044.60', ''],
    ['管理费用', '58,732.00', ''],
    ['支出合计', '82,292.00', ''],
    ['季末货币资金余额', '186,355.83', ''],
  ],
};

describe('disclosure tables', () => {
  it('keeps 合计 lines apart from the lines, each with its place in the table', () => {
    const { lines, totals } = splitTotals(monthly);
    expect(lines.map((l) => l.index)).toEqual([0, 1, 2]);
    expect(totals).toEqual([{ index: 3, cells: monthly.rows[3] }]);
    expect(splitTotals(quarterly).totals.map((t) => t.cells[0])).toEqual(['收入合计', '支出合计']);
  });

  it('sums 收入, 支出 and 结余 from the lines, or reads them from a summary’s totals', () => {
    expect(financeSummary(monthly)).toEqual({ income: 45052.36, expense: 2350, balance: 42702.36 });
    expect(financeSummary(quarterly)).toEqual({ income: 118044.6, expense: 82292, balance: 35752.6 });
    expect(financeSummary({ columns: ['姓名', '补贴金额（元）'], rows: [['李秀英', '132.00']] })).toBeNull();
  });

  it('finds a line’s month and says a line in words', () => {
    expect(lineMonth(monthly.columns, monthly.rows[2]!)).toBe('2026-11');
    expect(lineMonth(quarterly.columns, quarterly.rows[0]!)).toBeNull();
    expect(lineWords(monthly.columns, monthly.rows[1]!)).toBe('支付村道路灯维修材料费，支出2,350.00元');
    expect(lineWords(['姓名', '身份证号', '补贴金额（元）'], ['李秀英', '3418**********4021', '132.00'])).toBe('李秀英，补贴金额132.00元');
    expect(disclosureCitationWords('王家村2026年10月财务收支明细', { columns: monthly.columns, cells: monthly.rows[0]! })).toBe(
      '《王家村2026年10月财务收支明细》中的一笔：收到镇财政拨付运转经费，收入45,000.00元',
    );
    expect(powerStepCitationWords('低保申请', '村民代表评议')).toBe('《低保申请》办理流程中的「村民代表评议」这一步');
  });

  it('finds a 合计 that does not add up, column by column, and leaves partial totals alone', () => {
    expect(totalMismatches(monthly)).toEqual([]);
    const off = { ...monthly, rows: [...monthly.rows.slice(0, 3), ['合计', '', '45,052.36', '3,350.00', '']] };
    expect(totalMismatches(off)).toEqual([{ column: '支出（元）', stated: 3350, summed: 2350 }]);
    expect(totalMismatches(quarterly)).toEqual([]);
  });
});
