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
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/report/index?code=341821102201&disclosureId=31&disclosureVersion=2' });
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
});
