import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from '@jest/globals';
import Taro, { routeRequests, setRouterParams, type SentRequest } from '../../../test/mocks/taro';
import { currentSession, keepSession } from '../../services/reporter-session';
import MyReportPage from './detail/index';
import MinePage from './index';

const LATER = '2099-01-01T00:00:00.000Z';
const json = (statusCode: number, data: unknown) => ({ statusCode, data: JSON.stringify(data) });
const path = (request: SentRequest) => request.url.replace('https://api.example.test/api/v1', '');
const asked = () => Taro.request.mock.calls.map((c) => `${c[0].method} ${path(c[0])} ${c[0].header['X-Reporter-Token'] ?? '-'}`);

const row = {
  ref: 'ABCDEFGHJK',
  villageName: '东山村',
  category: 'welfare_funds',
  status: 'accepted',
  receivedAt: '2026-11-20T02:00:00.000Z',
  next: { text: '乡镇纪委最晚在2026年12月18日前答复您', date: '2026-12-18' },
};
const view = {
  reportNo: 'ABCDEFGHJK',
  villageName: '东山村',
  category: 'welfare_funds',
  mode: 'real_name',
  track: 'petition',
  status: 'replied',
  receivedAt: '2026-11-20T02:00:00.000Z',
  dueDates: [],
  next: { text: '请在2026年12月20日前评价', date: '2026-12-20' },
  timeline: [
    { at: '2026-11-20T02:00:00.000Z', text: '收到反映' },
    { at: '2026-11-25T02:00:00.000Z', text: '补贴已重新核发。' },
  ],
  reply: '补贴已重新核发。',
  rating: null,
  ratingReasons: [],
  reviewPath: null,
  actions: ['rate'],
};

describe('我的反映 in the mini program', () => {
  it('signs in with the WeChat identity, says why, and lists the reports in words without their number', async () => {
    routeRequests((request) => {
      if (path(request) === '/wechat/login') return json(200, { token: 'tok-wx', expiresAt: LATER });
      return json(200, { items: [row], total: 1 });
    });
    render(<MinePage />);
    expect(screen.getByText(/只用您的微信身份列出您本人实名提交的反映/)).toBeTruthy();
    const item = await screen.findByTestId('my-report');
    expect(item.textContent).toContain('东山村');
    expect(item.textContent).toContain('惠民资金');
    expect(screen.getByTestId('my-report-status').textContent).toBe('办理中');
    expect(item.textContent).toContain('2026年11月20日收到');
    expect(screen.getByTestId('my-report-next').textContent).toBe('接下来：乡镇纪委最晚在2026年12月18日前答复您');
    expect(item.textContent).not.toContain('ABCDEFGHJK');
    expect(item.getAttribute('role')).toBe('button');
    expect(asked()).toEqual(['POST /wechat/login -', 'GET /me/reports?offset=0&limit=20 tok-wx']);

    fireEvent.click(item);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/mine/detail/index?ref=ABCDEFGHJK' });
  });

  it('explains that anonymous reports are followed with the query code when there is nothing to list', async () => {
    keepSession({ token: 'tok-wx', expiresAt: LATER }, 'wechat');
    routeRequests(() => json(200, { items: [], total: 0 }));
    render(<MinePage />);
    const empty = await screen.findByTestId('mine-empty');
    expect(empty.textContent).toContain('还没有您实名提交的反映');
    expect(empty.textContent).toContain('匿名反映不和任何人关联');
    fireEvent.click(screen.getByTestId('mine-lookup'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/pages/lookup/index' });
    expect(Taro.login).not.toHaveBeenCalled();
  });

  it('says plainly when WeChat cannot be reached, and offers the query code', async () => {
    routeRequests(() => json(503, { code: 'NETWORK_ERROR', message: '网络不太好，请稍后再试' }));
    render(<MinePage />);
    expect((await screen.findByTestId('error')).textContent).toContain('网络不太好');
    expect(screen.getByTestId('mine-lookup')).toBeTruthy();
  });

  it('pages through a long list', async () => {
    keepSession({ token: 'tok-wx', expiresAt: LATER }, 'wechat');
    const alphabet = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
    const rows = Array.from({ length: 25 }, (_, i) => ({ ...row, ref: `ABCDEFGHJ${alphabet[i]}` }));
    routeRequests((request) => {
      const offset = Number(/offset=(\d+)/.exec(request.url)![1]);
      return json(200, { items: rows.slice(offset, offset + 20), total: 25 });
    });
    render(<MinePage />);
    await waitFor(() => expect(screen.getAllByTestId('my-report')).toHaveLength(20));
    expect(screen.getByTestId('mine-more').textContent).toBe('再看5件');
    fireEvent.click(screen.getByTestId('mine-more'));
    await waitFor(() => expect(screen.getAllByTestId('my-report')).toHaveLength(25));
    expect(screen.queryByTestId('mine-more')).toBeNull();
  });

  it('signs out: the server drops the token and the phone forgets it', async () => {
    keepSession({ token: 'tok-wx', expiresAt: LATER }, 'wechat');
    routeRequests((request) => (request.method === 'DELETE' ? json(200, { ok: true }) : json(200, { items: [row], total: 1 })));
    render(<MinePage />);
    fireEvent.click(await screen.findByTestId('mine-sign-out'));
    await waitFor(() => expect(asked()).toContain('DELETE /me/session tok-wx'));
    expect(currentSession()).toBeNull();
  });
});

describe('one of my reports', () => {
  it('shows it as the query-code lookup does and rates it with the session, not a query code', async () => {
    keepSession({ token: 'tok-wx', expiresAt: LATER }, 'wechat');
    setRouterParams({ ref: 'ABCDEFGHJK' });
    routeRequests((request) => {
      if (request.method === 'GET') return json(200, view);
      return json(200, { ...view, rating: 'satisfied', actions: [] });
    });
    render(<MyReportPage />);
    expect((await screen.findByTestId('report-status')).textContent).toBe('已答复');
    expect(screen.getByTestId('reply-text').textContent).toBe('补贴已重新核发。');
    expect(screen.getByTestId('timeline').textContent).toContain('已答复您，内容见上方「答复内容」');

    fireEvent.click(screen.getByTestId('rate-satisfied'));
    fireEvent.click(screen.getByTestId('rating-next'));
    fireEvent.click(await screen.findByTestId('rating-save'));
    expect((await screen.findByTestId('action-message')).textContent).toContain('已收到您的评价');
    const rate = Taro.request.mock.calls[1]![0];
    expect(`${rate.method} ${path(rate)} ${rate.header['X-Reporter-Token']}`).toBe('POST /me/reports/ABCDEFGHJK/rate tok-wx');
    expect(JSON.parse(rate.data!)).toEqual({ rating: 'satisfied' });
  });

  it('says so when the report is not this reporter’s', async () => {
    keepSession({ token: 'tok-wx', expiresAt: LATER }, 'wechat');
    setRouterParams({ ref: 'ABCDEFGHJK' });
    routeRequests(() => json(404, { code: 'REPORT_NOT_FOUND', message: '没有找到这件反映' }));
    render(<MyReportPage />);
    expect((await screen.findByTestId('error')).textContent).toBe('没有找到这件反映。');
    fireEvent.click(screen.getByTestId('back-to-mine'));
    expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/mine/index' });
  });
});
