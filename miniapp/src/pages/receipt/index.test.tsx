import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from '@jest/globals';
import Taro from '../../../test/mocks/taro';
import { putReceipt } from '../../stores/receipt-store';
import ReceiptPage from './index';

describe('receipt page', () => {
  it('shows the query code large and grouped, copies it, and shows the due date', async () => {
    putReceipt({
      villageCode: '341821102201',
      summary: { track: 'petition', mode: 'anonymous', category: 'welfare_funds', excerpt: '低保名单里有已经去世两年的人' },
      receipt: {
        reportNo: 'R20261127-0001',
        queryCode: '1234567890123456789012345',
        status: 'submitted',
        receivedAt: '2026-11-27T08:00:00.000Z',
        dueDates: [{ kind: 'acceptance', dueOn: '2027-01-05', provisional: true, metAt: null, overdue: false }],
      },
    });
    render(<ReceiptPage />);
    expect(screen.getByTestId('query-code').textContent).toBe('12345 67890 12345 67890 12345');
    expect(screen.getByTestId('report-no').textContent).toBe('R20261127-0001');
    expect(screen.getByTestId('due-acceptance').textContent).toBe('告知是否受理：预计2027年1月5日前');
    expect(screen.getByText(/不要告诉别人/)).toBeTruthy();

    fireEvent.click(screen.getByTestId('copy-query-code'));
    await waitFor(() => expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: '1234567890123456789012345' }));
    expect(await screen.findByText('已复制')).toBeTruthy();
  });

  it('shows a code the server sent already grouped the same way, and copies its digits', async () => {
    putReceipt({
      villageCode: '341821102201',
      summary: { track: 'petition', mode: 'anonymous', category: 'welfare_funds', excerpt: '低保名单里有已经去世两年的人' },
      receipt: {
        reportNo: 'R20261127-0001',
        queryCode: '12345 67890 12345 67890 12345',
        status: 'submitted',
        receivedAt: '2026-11-27T08:00:00.000Z',
        dueDates: [],
      },
    });
    render(<ReceiptPage />);
    expect(screen.getByTestId('query-code').textContent).toBe('12345 67890 12345 67890 12345');
    fireEvent.click(screen.getByTestId('copy-query-code'));
    await waitFor(() => expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: '1234567890123456789012345' }));
  });

  it('shows the code only once: a second visit has no code', async () => {
    render(<ReceiptPage />);
    expect(screen.queryByTestId('query-code')).toBeNull();
    expect(await screen.findByText('回执已经关闭')).toBeTruthy();
  });
});
