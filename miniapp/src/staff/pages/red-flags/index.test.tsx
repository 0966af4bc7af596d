import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from '@jest/globals';
import Taro, { routeRequests } from '../../../../test/mocks/taro';
import { setSession } from '../../../stores/session-store';
import RedFlagsPage from './index';

const account = {
  id: 3,
  username: 'taoyuan',
  displayName: '李纪委',
  role: 'township_handler',
  regionCode: '341821102',
  regionName: '桃源镇',
  disabled: false,
  mustChangePassword: false,
  twoFactorEnabled: false,
  twoFactorRequired: false,
} as const;

const flag = {
  id: 11,
  kind: 'deceased',
  status: 'open',
  villageCode: '341821102201',
  villageName: '东山村',
  disclosureId: 42,
  disclosureTitle: '2026年第三季度低保金发放名单',
  versionNo: 1,
  row: 1,
  line: ['孙老汉', '3418**********1235', '420.00'],
  columns: ['户主姓名', '身份证号', '月保障金（元）'],
  evidence: '领取人在去世人员名单上，去世日期 2025-03-02',
  raisedAt: '2026-11-20T02:00:00.000Z',
  resolution: null,
  resolvedBy: null,
  resolvedAt: null,
  reportNo: null,
};

const answer = (body: unknown, statusCode = 200) => ({ statusCode, data: JSON.stringify(body) });

describe('red flags page', () => {
  it('shows each open flag with its line and evidence, and turns one into a case', async () => {
    setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account });
    routeRequests(({ url, method }) => {
      if (method === 'POST' && url.endsWith('/staff/red-flags/11/open-case'))
        return answer({ ...flag, status: 'case', reportNo: 'K7M3Q9X2TA' });
      return answer({ items: [flag] });
    });
    render(<RedFlagsPage />);
    expect((await screen.findByTestId('red-flag-evidence')).textContent).toBe('领取人在去世人员名单上，去世日期 2025-03-02');
    expect(screen.getByTestId('red-flag').textContent).toContain('户主姓名：孙老汉');
    expect(screen.getByTestId('red-flag').textContent).toContain('《2026年第三季度低保金发放名单》第2行');
    fireEvent.click(screen.getByTestId('red-flag-open-case'));
    await waitFor(() => expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/case/index?no=K7M3Q9X2TA' }));
  });

  it('asks for a reason before dismissing and shows the server’s objection', async () => {
    setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account });
    routeRequests(({ method }) =>
      method === 'POST'
        ? answer(
            { code: 'VALIDATION_FAILED', message: '填写的内容有误', details: [{ field: 'body.reason', message: '理由至少4个字' }] },
            400,
          )
        : answer({ items: [flag] }),
    );
    render(<RedFlagsPage />);
    fireEvent.click(await screen.findByTestId('red-flag-dismiss'));
    fireEvent.click(screen.getByTestId('red-flag-dismiss-submit'));
    expect((await screen.findByTestId('red-flag-error')).textContent).toBe('理由至少4个字');
  });
});
