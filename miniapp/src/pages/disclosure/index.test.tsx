import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from '@jest/globals';
import Taro, { routeRequests, setRouterParams, type NetworkAnswer } from '../../../test/mocks/taro';
import DisclosurePage from './index';

const COLUMNS = ['姓名', '身份证号', '补贴金额（元）'];
const signature = (name: string, at: string) => ({ name, at });

/** Version 1 said 220.00; version 2 corrected it to 132.00. */
const CURRENT = {
  id: 31,
  kind: 'finance',
  type: 'subsidy_list',
  title: '2026年10月耕地地力保护补贴发放名单',
  period: '2026-10',
  publishedAt: '2026-11-20T02:00:00.000Z',
  withdrawn: false,
  corrected: true,
  villageCode: '341821102201',
  body: '补贴标准每亩110元。',
  table: { columns: COLUMNS, rows: [['李秀英', '3418**********4021', '132.00']] },
  versionNo: 2,
  publisher: signature('陈报账', '2026-11-19T02:00:00.000Z'),
  cosigner: signature('赵监督', '2026-11-20T02:00:00.000Z'),
  corrections: [{ versionNo: 2, reason: '李秀英承包面积应为1.2亩', publishedAt: '2026-11-20T02:00:00.000Z' }],
  withdrawal: null,
};

const VERSION_1 = {
  disclosureId: 31,
  versionNo: 1,
  title: '2026年10月耕地地力保护补贴发放名单',
  period: '2026-10',
  body: '补贴标准每亩110元。',
  table: { columns: COLUMNS, rows: [['李秀英', '3418**********4021', '220.00']] },
  publishedAt: '2026-10-09T03:00:00.000Z',
  publisher: signature('陈报账', '2026-10-08T02:00:00.000Z'),
  cosigner: signature('赵监督', '2026-10-09T03:00:00.000Z'),
  reason: null,
};

const answer = (body: unknown, statusCode = 200): NetworkAnswer => ({ statusCode, data: JSON.stringify(body) });

/** Version 2 as the version route gives it: the current one. */
const VERSION_2 = {
  ...VERSION_1,
  versionNo: 2,
  table: CURRENT.table,
  publishedAt: CURRENT.publishedAt,
  reason: CURRENT.corrections[0]!.reason,
};

function serve(current: unknown = CURRENT) {
  routeRequests(({ url }) => {
    if (url.endsWith('/disclosures/31/versions/1')) return answer(VERSION_1);
    if (url.endsWith('/disclosures/31/versions/2')) return answer(VERSION_2);
    return answer(current);
  });
}

function open(params: Record<string, string>) {
  setRouterParams({ id: '31', code: '341821102201', ...params });
  render(<DisclosurePage />);
}

describe('public disclosure page', () => {
  it('offers the version each correction replaced', async () => {
    serve();
    open({});
    const correction = await screen.findByTestId('correction');
    expect(correction.textContent).toContain('2026年11月20日更正为第2版，原因：李秀英承包面积应为1.2亩');
    expect(screen.getByTestId('disclosure-table').textContent).toContain('132.00');
    fireEvent.click(screen.getByTestId('earlier-version-link'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/disclosure/index?id=31&code=341821102201&version=1' });
  });

  it('shows an earlier version as such, and a question on its row cites that version', async () => {
    serve();
    open({ version: '1' });
    expect((await screen.findByTestId('disclosure-earlier-text')).textContent).toBe('这是第1版，已于2026年11月20日更正，现行为第2版。');
    expect(screen.getByTestId('disclosure-earlier').textContent).toContain('更正原因：李秀英承包面积应为1.2亩');
    const table = screen.getByTestId('disclosure-table').textContent;
    expect(table).toContain('第1版的明细');
    // Each line says so too, for a reader who scrolled far from the notice.
    expect(screen.getByTestId('disclosure-row').textContent).toContain('第 1 条更正前的第1版');
    expect(table).toContain('220.00');
    expect(table).not.toContain('132.00');
    expect(screen.getByTestId('disclosure-signatures').textContent).toBe(
      '村报账员 陈报账 2026年10月8日起草 · 村务监督委员会 赵监督 2026年10月9日会签',
    );
    // Only the current table can be downloaded; this page does not pretend otherwise.
    expect(screen.queryByTestId('download-table')).toBeNull();

    fireEvent.click(screen.getByTestId('row-question'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: '/pages/report/index?code=341821102201&disclosureId=31&disclosureVersion=1&disclosureRow=0',
    });
    fireEvent.click(screen.getByTestId('current-version-link'));
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/disclosure/index?id=31&code=341821102201' });
  });

  it('goes back to the current version when the reader came from it', async () => {
    serve();
    Taro.getCurrentPages.mockReturnValueOnce([{ route: 'pages/disclosure/index' }, { route: 'pages/disclosure/index' }]);
    open({ version: '1' });
    fireEvent.click(await screen.findByTestId('current-version-link'));
    expect(Taro.navigateBack).toHaveBeenCalled();
    expect(Taro.redirectTo).not.toHaveBeenCalled();
  });

  it('shows the current version when the one asked for is current, and cites it', async () => {
    serve();
    open({ version: '2' });
    expect((await screen.findByTestId('disclosure-table')).textContent).toContain('132.00');
    expect(screen.queryByTestId('disclosure-earlier')).toBeNull();
    fireEvent.click(screen.getByTestId('report-button'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({
      url: '/pages/report/index?code=341821102201&disclosureId=31&disclosureVersion=2',
    });
  });

  it('offers no earlier version of a withdrawn disclosure', async () => {
    serve({
      ...CURRENT,
      withdrawn: true,
      table: null,
      body: '',
      withdrawal: { reason: '与第一批名单重复', at: '2026-11-25T02:00:00.000Z' },
    });
    open({ version: '1' });
    expect((await screen.findByTestId('disclosure-withdrawn')).textContent).toContain('与第一批名单重复');
    expect(screen.getByTestId('correction').textContent).toContain('李秀英承包面积应为1.2亩');
    expect(screen.queryByTestId('earlier-version-link')).toBeNull();
    expect(screen.queryByTestId('disclosure-earlier')).toBeNull();
    expect(screen.queryByTestId('disclosure-table')).toBeNull();
  });

  it('says when an earlier version cannot be found, with a way to the current one', async () => {
    routeRequests(({ url }) =>
      url.includes('/versions/') ? answer({ code: 'DISCLOSURE_NOT_FOUND', message: '没有找到这条公开内容' }, 404) : answer(CURRENT),
    );
    open({ version: '1' });
    expect((await screen.findByTestId('error')).textContent).toContain('没有找到这条公开内容');
    expect(screen.getByTestId('current-version-link').textContent).toBe('看现行的第2版');
  });

  it('opens a finance table with 收入 / 支出 / 结余, keeps 合计 a total, and filters a long table by month and words', async () => {
    const line = (date: string, what: string, income: string, expense: string) => [date, what, income, expense, '王桂芳'];
    const rows = [
      line('2026-09-28', '收到镇财政拨付运转经费', '45,000.00', ''),
      line('2026-10-09', '支付村干部9月份基本报酬', '', '18,600.00'),
      line('2026-10-12', '收取集体山塘承包费', '6,800.00', ''),
      line('2026-10-15', '支付村部9月份电费', '', '386.50'),
      line('2026-10-16', '支付村道路灯维修材料费', '', '2,350.00'),
      line('2026-10-18', '收到光伏电站发电收益', '3,124.80', ''),
      line('2026-10-21', '支付保洁员10月份工资', '', '3,600.00'),
      line('2026-10-27', '购置党员活动室办公用品', '', '1,268.00'),
      line('2026-10-31', '银行存款利息', '52.36', ''),
      ['合计', '', '54,977.16', '26,204.50', ''],
    ];
    serve({
      ...CURRENT,
      type: 'income_expense',
      title: '王家村2026年10月财务收支明细',
      period: '2026-Q4',
      corrected: false,
      corrections: [],
      table: { columns: ['日期', '摘要', '收入（元）', '支出（元）', '经办人'], rows },
    });
    open({});
    expect((await screen.findByTestId('finance-in')).textContent).toBe('收入54,977.16元');
    expect(screen.getByTestId('finance-out').textContent).toBe('支出26,204.50元');
    expect(screen.getByTestId('finance-left').textContent).toBe('结余28,772.66元');
    expect(screen.getByText(/2026年第四季度/)).toBeTruthy();
    expect(screen.queryByText(/2026-Q4/)).toBeNull();

    // Nine lines, each with its question; the 合计 is a total with no number and no question of its own.
    expect(screen.getAllByTestId('disclosure-row')).toHaveLength(9);
    expect(screen.getByTestId('disclosure-table').textContent).toContain('明细（共9条）');
    expect(screen.getByTestId('disclosure-total').textContent).toContain('54,977.16');
    expect(screen.getByTestId('disclosure-total').textContent).not.toMatch(/第 \d+ 条|对此有疑问/);
    // Headed by its own label, with only the figures it adds up.
    expect(screen.getByTestId('disclosure-total').textContent).toBe('合计收入（元）54,977.16支出（元）26,204.50');

    fireEvent.click(screen.getByTestId('month-2026-09'));
    expect(screen.getAllByTestId('disclosure-row').map((r) => r.textContent)).toEqual([expect.stringContaining('收到镇财政拨付运转经费')]);
    fireEvent.click(screen.getByTestId('month-all'));
    fireEvent.change(screen.getByTestId('table-search'), { target: { value: '电费' } });
    expect(screen.getAllByTestId('disclosure-row')).toHaveLength(1);
    expect(screen.getByTestId('table-filter-count').textContent).toBe('找到1条');
    // The question cites the line's place in the published table (the form names it in words from the table itself).
    fireEvent.click(screen.getByTestId('row-question'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: expect.stringMatching(/disclosureRow=3$/) });
  });

  it('says so when a 合计 does not add up', async () => {
    serve({
      ...CURRENT,
      type: 'income_expense',
      corrections: [],
      table: {
        columns: ['日期', '摘要', '收入（元）', '支出（元）'],
        rows: [
          ['2026-10-08', '运转经费', '45,000.00', ''],
          ['2026-10-09', '村干部报酬', '', '18,600.00'],
          ['合计', '', '45,000.00', '20,600.00'],
        ],
      },
    });
    open({});
    expect((await screen.findByTestId('total-mismatch')).textContent).toBe(
      '注意：支出明细相加是18,600.00元，与合计20,600.00元不一致。可以点下面的按钮反映。',
    );
  });
});
