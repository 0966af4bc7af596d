import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, jest } from '@jest/globals';
import Taro from '../../../test/mocks/taro';
import { putReceipt, readReceipt } from '../../stores/receipt-store';
import ReceiptPage from './index';

const saved = {
  villageCode: '341821102201',
  summary: {
    track: 'petition' as const,
    mode: 'anonymous' as const,
    category: 'welfare_funds' as const,
    excerpt: '低保名单里有已经去世两年的人',
  },
  receipt: {
    reportNo: 'R20261127-0001',
    queryCode: '1234567890123456789012345',
    status: 'submitted' as const,
    receivedAt: '2026-11-27T08:00:00.000Z',
    dueDates: [],
  },
};

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
    // Villagers see only the query code, never the report's number.
    expect(screen.queryByText(/R20261127-0001/)).toBeNull();
    expect(screen.queryByText(/反映编号/)).toBeNull();
    expect(screen.getByTestId('receipt-summary').textContent).toContain('低保名单里有已经去世两年的人');
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

  it('stays readable until the reporter confirms the code is kept, asking before leaving', async () => {
    putReceipt(saved);
    const first = render(<ReceiptPage />);
    first.unmount();
    render(<ReceiptPage />);
    expect(screen.getByTestId('query-code').textContent).toBe('12345 67890 12345 67890 12345');

    Taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    fireEvent.click(screen.getByTestId('back-to-village'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '您已记下查询码了吗？' })));
    expect(Taro.reLaunch).not.toHaveBeenCalled();
    expect(readReceipt()).not.toBeNull();

    fireEvent.click(screen.getByTestId('back-to-village'));
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/village/index?code=341821102201' }));
    expect(readReceipt()).toBeNull();
  });

  it('has nothing to show once the code was confirmed kept', async () => {
    render(<ReceiptPage />);
    expect(screen.queryByTestId('query-code')).toBeNull();
    expect(await screen.findByText('回执已经关闭')).toBeTruthy();
  });
  it('offers 我的反映 after a real-name report only (an anonymous one is followed by its code alone)', async () => {
    putReceipt(saved);
    const anonymous = render(<ReceiptPage />);
    expect(screen.queryByTestId('receipt-mine')).toBeNull();
    anonymous.unmount();

    putReceipt({ ...saved, summary: { ...saved.summary, mode: 'real_name' } });
    render(<ReceiptPage />);
    fireEvent.click(screen.getByTestId('receipt-mine'));
    // Leaving asks about the code first, as every way off the receipt does.
    await waitFor(() => expect(Taro.reLaunch).toHaveBeenCalledWith({ url: '/pages/mine/index' }));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '您已记下查询码了吗？' }));
  });

  it('opens WeChat’s privacy sheet when saving the image asks for it, so the album can be used after agreeing', () => {
    type Resolve = (option: { event: string; buttonId?: string }) => void;
    let listener: ((resolve: Resolve) => void) | null = null;
    Object.assign(Taro, { onNeedPrivacyAuthorization: (fn: (resolve: Resolve) => void) => (listener = fn) });
    putReceipt(saved);
    render(<ReceiptPage />);
    expect(screen.queryByTestId('privacy-sheet')).toBeNull();
    expect(screen.queryByTestId('privacy-notice')).toBeNull(); // nothing is collected here
    const resolve = jest.fn<Resolve>();
    act(() => listener!(resolve));
    expect(resolve).toHaveBeenCalledWith({ event: 'exposureAuthorization' });
    expect(screen.getByTestId('privacy-sheet').textContent).toContain('把回执存成图片要用到手机相册');
    fireEvent.click(screen.getByTestId('privacy-disagree'));
    expect(resolve).toHaveBeenLastCalledWith({ event: 'disagree' });
  });
});
