import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import Taro from '../../../test/mocks/taro';
import LookupPage from './index';

const view = {
  reportNo: 'R20261127-0001',
  villageName: '王家村',
  category: 'welfare_funds',
  mode: 'anonymous',
  status: 'submitted',
  receivedAt: '2026-11-27T08:00:00.000Z',
  dueDates: [{ kind: 'acceptance', dueOn: '2026-12-18', provisional: false }],
  timeline: [{ at: '2026-11-27T08:00:00.000Z', text: '收到反映' }],
};

describe('lookup page', () => {
  it('accepts a code typed with spaces and dashes, posts it in the body and shows the status', async () => {
    Taro.request.mockResolvedValueOnce({ statusCode: 200, data: JSON.stringify(view) });
    render(<LookupPage />);
    fireEvent.change(screen.getByTestId('lookup-input'), { target: { value: '12345 67890-12345 67890 12345' } });
    fireEvent.click(screen.getByTestId('lookup-submit'));
    expect((await screen.findByTestId('report-status')).textContent).toBe('待受理');
    expect(screen.getByText('村：王家村')).toBeTruthy();
    const sent = Taro.request.mock.calls[0]![0] as { url: string; data: string };
    expect(JSON.parse(sent.data)).toEqual({ queryCode: '1234567890123456789012345' });
    expect(sent.url).toBe('https://api.example.test/api/v1/reports/lookup');
  });

  it('explains an unknown code and a rate limit in plain words', async () => {
    Taro.request
      .mockResolvedValueOnce({ statusCode: 404, data: JSON.stringify({ code: 'QUERY_CODE_NOT_FOUND', message: 'x' }) })
      .mockResolvedValueOnce({ statusCode: 429, data: JSON.stringify({ code: 'RATE_LIMITED', message: 'x' }) });
    render(<LookupPage />);
    fireEvent.change(screen.getByTestId('lookup-input'), { target: { value: '1234567890123456789012345' } });
    fireEvent.click(screen.getByTestId('lookup-submit'));
    expect((await screen.findByTestId('lookup-error')).textContent).toContain('没有查到这个查询码');
    fireEvent.click(screen.getByTestId('lookup-submit'));
    expect((await screen.findByText(/请等一分钟后再查/)).textContent).toContain('查询次数太多了');
  });

  it('refuses a code that is not 25 digits without asking the server', async () => {
    render(<LookupPage />);
    fireEvent.change(screen.getByTestId('lookup-input'), { target: { value: '12345' } });
    fireEvent.click(screen.getByTestId('lookup-submit'));
    expect((await screen.findByTestId('lookup-error')).textContent).toContain('25位数字');
    expect(Taro.request).not.toHaveBeenCalled();
  });
});
