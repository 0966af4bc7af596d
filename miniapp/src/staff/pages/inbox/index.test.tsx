import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from '@jest/globals';
import Taro, { routeRequests } from '../../../../test/mocks/taro';
import { setSession } from '../../../stores/session-store';
import { chinaToday } from '../../utils';
import InboxPage from './index';

/** Dates of this year read without their year: fixtures are dated this year so the words hold in any year. */
const YEAR = chinaToday().slice(0, 4);

const account = {
  id: 5,
  username: 'county',
  displayName: '周县纪委',
  role: 'county_supervisor',
  regionCode: '341821',
  regionName: '青溪县',
  disabled: false,
  mustChangePassword: false,
  twoFactorEnabled: false,
  twoFactorRequired: false,
} as const;

/** A deadline as the server counts it; working days left are about five sevenths of the calendar days. */
const due = (kind: 'acceptance' | 'supervision', dueOn: string, daysLeft: number, unit: 'workday' | 'calendar' = 'calendar') => ({
  kind,
  dueOn,
  provisional: false,
  metAt: null,
  overdue: daysLeft < 0,
  daysLeft,
  unit,
  left: daysLeft <= 0 ? 0 : unit === 'workday' ? Math.ceil((daysLeft * 5) / 7) : daysLeft,
});

const row = (reportNo: string, daysLeft: number, villageName = '东山村') => ({
  reportNo,
  villageCode: '341821102201',
  villageName,
  category: 'welfare_funds',
  track: 'accusation',
  mode: 'anonymous',
  status: 'submitted',
  receivedAt: `${YEAR}-11-01T08:00:00.000Z`,
  nextDue: due('acceptance', `${YEAR}-11-24`, daysLeft, 'workday'),
  level: 'township',
  escalated: false,
  assignee: null,
  townshipName: '桃源镇',
  supervisionDue: null as ReturnType<typeof due> | null,
});

const answer = (body: unknown, statusCode = 200) => ({ statusCode, data: JSON.stringify(body) });

describe('inbox page', () => {
  it('goes to login without a session and asks the server nothing', async () => {
    render(<InboxPage />);
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/staff/pages/login/index' }));
    expect(Taro.request).not.toHaveBeenCalled();
  });

  it('lists cases in the server order with their time left, the alert count, and filters by overdue', async () => {
    setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account });
    routeRequests(({ url }) => {
      if (url.includes('/staff/alerts')) {
        return answer({
          items: [
            {
              reportNo: 'AAAAAAAAAA',
              villageName: '东山村',
              kind: 'overdue',
              deadline: 'acceptance',
              due: due('acceptance', `${YEAR}-11-24`, -3, 'workday'),
              note: null,
              at: '2026-11-25T00:00:00.000Z',
            },
          ],
        });
      }
      if (url.includes('/staff/villages')) {
        return answer({
          items: [
            { code: '341821102201', name: '东山村', townshipName: '桃源镇' },
            { code: '341821102202', name: '西岭村', townshipName: '桃源镇' },
            { code: '341821103201', name: '南坪村', townshipName: '石门乡' },
          ],
        });
      }
      if (url.includes('village=')) return answer({ items: [row('CCCCCCCCCC', 20, '西岭村')], total: 1 });
      if (url.includes('overdue=true')) return answer({ items: [row('AAAAAAAAAA', -3)], total: 1 });
      return answer({ items: [row('AAAAAAAAAA', -3), row('BBBBBBBBBB', 2), row('CCCCCCCCCC', 20, '西岭村')], total: 3 });
    });
    render(<InboxPage />);
    await waitFor(() => expect(screen.getAllByTestId('case-row')).toHaveLength(3));
    const rows = screen.getAllByTestId('case-row');
    expect(rows[0]!.textContent).toContain('AAAAAAAAAA');
    // The colours come from `timeLeft` (tested in utils.test.ts); here, the words a handler reads.
    expect(screen.getAllByTestId('case-row-left').map((e) => e.textContent)).toEqual([
      '告知是否受理 11月24日，已逾期3天',
      '告知是否受理 11月24日，还剩2个工作日',
      '告知是否受理 11月24日，还剩15个工作日',
    ]);
    expect(screen.getByTestId('alerts-badge').textContent).toBe('提醒 1');
    expect(screen.getByTestId('nav-county')).toBeTruthy();

    fireEvent.click(screen.getByTestId('filter-overdue'));
    await waitFor(() => expect(screen.getAllByTestId('case-row')).toHaveLength(1));
    const urls = Taro.request.mock.calls.map((c) => (c[0] as { url: string }).url);
    expect(urls).toContain('https://api.example.test/api/v1/staff/cases?overdue=true&todo=true&offset=0&limit=50');
  });

  it('filters by any village of the jurisdiction, named with its township in a county', async () => {
    setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account });
    routeRequests(({ url }) => {
      if (url.includes('/staff/alerts')) return answer({ items: [] });
      if (url.includes('/staff/villages')) {
        return answer({
          items: [
            { code: '341821102201', name: '东山村', townshipName: '桃源镇' },
            { code: '341821103201', name: '南坪村', townshipName: '石门乡' },
          ],
        });
      }
      if (url.includes('village=')) return answer({ items: [], total: 0 });
      return answer({ items: [row('AAAAAAAAAA', -3)], total: 1 });
    });
    render(<InboxPage />);
    // 南坪村 has no case yet and is offered all the same.
    fireEvent.click(await screen.findByTestId('filter-village'));
    expect(screen.getByTestId('filter-village-option-341821103201').textContent).toBe('石门乡 · 南坪村');
    fireEvent.click(screen.getByTestId('filter-village-option-341821103201'));
    await screen.findByTestId('inbox-empty');
    const urls = Taro.request.mock.calls.map((c) => (c[0] as { url: string }).url);
    expect(urls).toContain('https://api.example.test/api/v1/staff/cases?village=341821103201&todo=true&offset=0&limit=50');
  });

  it('opens on 待办 and keeps 全部 a tap away; each row tells when it came, 实名 or 匿名, its township and clocks', async () => {
    setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account });
    const supervised = {
      ...row('DDDDDDDDDD', -2),
      mode: 'real_name',
      escalated: true,
      townshipName: '石门乡',
      villageName: '南坪村',
      supervisionDue: due('supervision', `${YEAR}-11-28`, 3),
    };
    routeRequests(({ url }) => {
      if (url.includes('/staff/alerts')) return answer({ items: [] });
      if (url.includes('/staff/villages')) {
        return answer({
          items: [
            { code: '341821102201', name: '东山村', townshipName: '桃源镇' },
            { code: '341821103201', name: '南坪村', townshipName: '石门乡' },
          ],
        });
      }
      if (url.includes('todo=true')) return answer({ items: [supervised], total: 1 });
      return answer({ items: [supervised, { ...row('EEEEEEEEEE', 9), status: 'replied', nextDue: null }], total: 2 });
    });
    render(<InboxPage />);
    await waitFor(() => expect(screen.getAllByTestId('case-row')).toHaveLength(1));
    expect(screen.getByTestId('inbox-title').textContent).toBe('待办');
    const [first] = screen.getAllByTestId('case-row');
    expect(first!.textContent).toContain('石门乡 · 南坪村');
    expect(screen.getByTestId('case-row-meta').textContent).toBe('11月1日收到 · 实名 · 已上报县纪委');
    expect(screen.getByTestId('case-row-supervision').textContent).toBe('回复督办 11月28日，还剩3天');
    expect(screen.getByTestId('case-row-left').textContent).toBe('告知是否受理 11月24日，已逾期2天');

    fireEvent.click(screen.getByTestId('view-all'));
    await waitFor(() => expect(screen.getAllByTestId('case-row')).toHaveLength(2));
    expect(screen.getByTestId('inbox-title').textContent).toBe('全部反映');
    expect(screen.getAllByTestId('case-row-meta')[1]!.textContent).toBe('11月1日收到 · 匿名');
    const urls = Taro.request.mock.calls.map((c) => (c[0] as { url: string }).url);
    expect(urls).toContain('https://api.example.test/api/v1/staff/cases?offset=0&limit=50');
  });

  it('names the township on a county row before the village list has come', async () => {
    setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account });
    const cases = answer({ items: [{ ...row('AAAAAAAAAA', -3), townshipName: '石门乡', villageName: '南坪村' }], total: 1 });
    Taro.request.mockImplementation((options: { url: string }) =>
      options.url.includes('/staff/villages')
        ? new Promise(() => undefined)
        : Promise.resolve(options.url.includes('/staff/alerts') ? answer({ items: [] }) : cases),
    );
    render(<InboxPage />);
    await waitFor(() => expect(screen.getAllByTestId('case-row')).toHaveLength(1));
    expect(screen.getByTestId('case-row').textContent).toContain('石门乡 · 南坪村');
  });

  it('pages through every case the server counts', async () => {
    setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account });
    routeRequests(({ url }) => {
      if (url.includes('/staff/alerts') || url.includes('/staff/villages')) return answer({ items: [] });
      if (url.includes('offset=50')) return answer({ items: [row('ZZZZZZZZZZ', 30)], total: 51 });
      return answer({ items: Array.from({ length: 50 }, (_, i) => row(`A${String(i).padStart(9, 'A')}`.slice(0, 10), i)), total: 51 });
    });
    render(<InboxPage />);
    expect((await screen.findByTestId('inbox-range')).textContent).toBe('第1–50件，共51件');
    fireEvent.click(screen.getByTestId('page-next'));
    await waitFor(() => expect(screen.getByTestId('inbox-range').textContent).toBe('第51–51件，共51件'));
    expect(screen.getAllByTestId('case-row').map((r) => r.textContent)).toEqual([expect.stringContaining('ZZZZZZZZZZ')]);
  });

  it('says "more than" when the server counted only so far, and still pages on', async () => {
    setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account });
    const fifty = Array.from({ length: 50 }, (_, i) => row(`A${String(i).padStart(9, 'A')}`.slice(0, 10), i));
    routeRequests(({ url }) => {
      if (url.includes('/staff/alerts') || url.includes('/staff/villages')) return answer({ items: [] });
      return answer({ items: fifty, total: 10000, totalCapped: true });
    });
    render(<InboxPage />);
    expect((await screen.findByTestId('inbox-range')).textContent).toBe('第1–50件，超过10000件');
    fireEvent.click(screen.getByTestId('page-next'));
    await waitFor(() => expect(screen.getByTestId('inbox-range').textContent).toBe('第51–100件，超过10000件'));
  });

  it('marks the selected reports as 无效 with a reason, in one request with an idempotency key', async () => {
    setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account });
    routeRequests(({ url, method }) => {
      if (url.includes('/staff/cases/mark') && method === 'POST') {
        return answer({ marked: ['AAAAAAAAAA'], refused: [{ reportNo: 'BBBBBBBBBB', code: 'ACTION_NOT_ALLOWED' }] });
      }
      if (url.includes('/staff/alerts') || url.includes('/staff/villages')) return answer({ items: [] });
      return answer({ items: [row('AAAAAAAAAA', -3), row('BBBBBBBBBB', 2), row('CCCCCCCCCC', 20)], total: 3 });
    });
    render(<InboxPage />);
    fireEvent.click(await screen.findByTestId('select-toggle'));
    const picks = screen.getAllByTestId('case-pick');
    fireEvent.click(picks[0]!);
    fireEvent.click(picks[1]!);
    fireEvent.change(screen.getByTestId('mark-text'), { target: { value: '同一内容反复提交的测试' } });
    fireEvent.click(screen.getByTestId('mark-submit'));
    expect((await screen.findByTestId('mark-done')).textContent).toBe('已标记1件；未能标记：BBBBBBBBBB（已答复或已办结）');
    const post = Taro.request.mock.calls
      .map((c) => c[0] as { method: string; url: string; data: string })
      .find((r) => r.method === 'POST')!;
    expect(JSON.parse(post.data)).toEqual({
      mark: 'invalid',
      reportNos: ['AAAAAAAAAA', 'BBBBBBBBBB'],
      reason: '同一内容反复提交的测试',
      idempotencyKey: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
  });

  it('sends an admin to the admin page and asks for no cases', async () => {
    setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account: { ...account, id: 9, username: 'admin', role: 'admin' } });
    render(<InboxPage />);
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/staff/pages/admin/index' }));
    expect(Taro.request).not.toHaveBeenCalled();
  });
});
