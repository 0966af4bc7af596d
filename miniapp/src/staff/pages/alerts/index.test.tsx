import { render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from '@jest/globals';
import { routeRequests } from '../../../../test/mocks/taro';
import { TOWNSHIP_HANDLER } from '../../../../test/accounts';
import { setSession } from '../../../stores/session-store';
import { chinaToday } from '../../utils';
import AlertsPage from './index';

/** Dates of this year read without their year: fixtures are dated this year so the words hold in any year. */
const YEAR = chinaToday().slice(0, 4);

const account = TOWNSHIP_HANDLER;

const due = (kind: string, dueOn: string, daysLeft: number, unit: 'workday' | 'calendar', left: number) => ({
  kind,
  dueOn,
  provisional: false,
  metAt: null,
  overdue: daysLeft < 0,
  daysLeft,
  unit,
  left,
});

describe('alerts page', () => {
  it('shows each alert with the time left counted as on the case page, and the county’s notes', async () => {
    setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account });
    routeRequests(() => ({
      statusCode: 200,
      data: JSON.stringify({
        items: [
          {
            reportNo: 'AAAAAAAAAA',
            villageName: '东山村',
            kind: 'urged',
            deadline: null,
            due: null,
            note: '请抓紧受理',
            at: '2026-11-28T02:00:00.000Z',
          },
          {
            reportNo: 'AAAAAAAAAA',
            villageName: '东山村',
            kind: 'supervised',
            deadline: 'supervision',
            due: due('supervision', `${YEAR}-12-03`, 5, 'calendar', 5),
            note: '请于5日内核实并回复',
            at: '2026-11-28T01:00:00.000Z',
          },
          {
            reportNo: 'BBBBBBBBBB',
            villageName: '西岭村',
            kind: 'overdue',
            deadline: 'acceptance',
            due: due('acceptance', `${YEAR}-11-25`, -3, 'workday', 0),
            note: null,
            at: '2026-11-26T01:00:00.000Z',
          },
        ],
      }),
    }));
    render(<AlertsPage />);
    await waitFor(() => expect(screen.getAllByTestId('alert-row')).toHaveLength(3));
    const rows = screen.getAllByTestId('alert-row').map((r) => r.textContent);
    expect(rows[0]).toContain('县纪委催办 · 东山村');
    expect(rows[0]).toContain('请抓紧受理');
    expect(screen.getAllByTestId('alert-due').map((e) => e.textContent)).toEqual([
      '回复督办 12月3日，还剩5天',
      '告知是否受理 11月25日，已逾期3天',
    ]);
  });

  it("shows the county a township's answer to its 督办, with the answer", async () => {
    setSession({
      token: 'tok',
      expiresAt: '2999-01-01T00:00:00.000Z',
      account: { ...account, role: 'county_supervisor', regionCode: '341821' },
    });
    routeRequests(() => ({
      statusCode: 200,
      data: JSON.stringify({
        items: [
          {
            reportNo: 'CCCCCCCCCC',
            villageName: '西河村',
            kind: 'answered',
            deadline: null,
            due: null,
            note: '已调取工程资料，施工单位已承诺返修',
            at: '2026-11-28T02:00:00.000Z',
          },
        ],
      }),
    }));
    render(<AlertsPage />);
    const row = await screen.findByTestId('alert-row');
    expect(row.textContent).toContain('乡镇已回复督办 · 西河村');
    expect(row.textContent).toContain('已调取工程资料，施工单位已承诺返修');
    expect(screen.queryByTestId('alert-due')).toBeNull();
  });
});
