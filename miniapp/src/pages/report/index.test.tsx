import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from '@jest/globals';
import Taro, { setRouterParams, storage } from '../../../test/mocks/taro';
import { readReceipt } from '../../stores/receipt-store';
import ReportPage from './index';

const receipt = {
  reportNo: 'R20261127-0001',
  queryCode: '1234567890123456789012345',
  status: 'submitted',
  receivedAt: '2026-11-27T08:00:00.000Z',
  dueDates: [{ kind: 'acceptance', dueOn: '2026-12-18', provisional: false }],
};

function fillAnonymous() {
  fireEvent.click(screen.getByTestId('track-petition'));
  fireEvent.click(screen.getByTestId('mode-anonymous'));
  fireEvent.click(screen.getByTestId('category-welfare_funds'));
  fireEvent.change(screen.getByTestId('content-input'), { target: { value: '低保名单里有已经去世两年的人，还在领钱' } });
}

function sentBody(call: number) {
  return JSON.parse((Taro.request.mock.calls[call]![0] as { data: string }).data) as Record<string, unknown>;
}

describe('report form', () => {
  it('shows each validation message next to its field and sends nothing', async () => {
    setRouterParams({ code: '341821102201' });
    render(<ReportPage />);
    fireEvent.click(screen.getByTestId('submit-report'));
    expect(await screen.findByTestId('error-track')).toHaveProperty('textContent', '请选择您要反映的是哪一类事情');
    expect(screen.getByTestId('error-mode').textContent).toBe('请选择实名或匿名');
    expect(screen.getByTestId('error-category').textContent).toBe('请选择反映的问题类别');
    expect(screen.getByTestId('error-content').textContent).toBe('请至少写10个字，说清楚发生了什么');
    expect(Taro.request).not.toHaveBeenCalled();
  });

  it('asks for name and phone only for a real-name report', async () => {
    setRouterParams({ code: '341821102201' });
    render(<ReportPage />);
    expect(screen.queryByTestId('phone-input')).toBeNull();
    fireEvent.click(screen.getByTestId('track-accusation'));
    fireEvent.click(screen.getByTestId('mode-real_name'));
    fireEvent.click(screen.getByTestId('category-other'));
    fireEvent.change(screen.getByTestId('content-input'), { target: { value: '村里修路的钱一直没有公开账目' } });
    fireEvent.change(screen.getByTestId('name-input'), { target: { value: '张三' } });
    fireEvent.change(screen.getByTestId('phone-input'), { target: { value: '1380000' } });
    fireEvent.click(screen.getByTestId('submit-report'));
    expect((await screen.findByTestId('error-phone')).textContent).toBe('请填写11位手机号');
    expect(screen.queryByTestId('error-name')).toBeNull();
    // Choosing real name may ask what notices there are and sign in with WeChat; the report itself is not sent.
    expect(Taro.request.mock.calls.filter((c) => c[0].url.endsWith('/reports'))).toEqual([]);
  });

  it("shows the server's VALIDATION_FAILED details next to the named fields", async () => {
    setRouterParams({ code: '341821102201' });
    Taro.request.mockResolvedValueOnce({
      statusCode: 400,
      data: JSON.stringify({
        code: 'VALIDATION_FAILED',
        message: '填写的内容有误，请按提示修改后再提交',
        details: [{ field: 'body.content', message: '内容里有不能提交的字符' }],
      }),
    });
    render(<ReportPage />);
    fillAnonymous();
    fireEvent.click(screen.getByTestId('submit-report'));
    expect((await screen.findByTestId('error-content')).textContent).toBe('内容里有不能提交的字符');
    expect(screen.getByTestId('error-form').textContent).toBe('填写的内容有误，请按提示修改后再提交');
  });

  it('reuses the idempotency key when a submission is retried after a network failure', async () => {
    setRouterParams({ code: '341821102201', disclosureId: '12', disclosureRow: '3' });
    Taro.request
      // The cited disclosure, read for the form's header: gone, so the header says only that a line is cited.
      .mockResolvedValueOnce({ statusCode: 404, data: JSON.stringify({ code: 'NOT_FOUND', message: '没有找到' }) })
      .mockRejectedValueOnce({ errMsg: 'request:fail timeout' })
      .mockResolvedValueOnce({ statusCode: 201, data: JSON.stringify(receipt) });
    render(<ReportPage />);
    fillAnonymous();
    fireEvent.click(screen.getByTestId('submit-report'));
    expect((await screen.findByTestId('error-form')).textContent).toContain('不会重复提交');

    fireEvent.click(screen.getByTestId('submit-report'));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/receipt/index' }));

    const first = sentBody(1);
    const second = sentBody(2);
    expect(first.idempotencyKey).toMatch(/^[0-9a-f]{32}$/);
    expect(second.idempotencyKey).toBe(first.idempotencyKey);
    expect(second).toMatchObject({
      villageCode: '341821102201',
      mode: 'anonymous',
      track: 'petition',
      category: 'welfare_funds',
      subject: { disclosureId: 12, disclosureRow: 3 },
    });
    expect(second).not.toHaveProperty('reporter');
    // The receipt goes to the receipt page through storage, not in the URL, with a few words of what was sent.
    expect(readReceipt()).toMatchObject({
      receipt: { queryCode: receipt.queryCode },
      villageCode: '341821102201',
      summary: { track: 'petition', category: 'welfare_funds', excerpt: '低保名单里有已经去世两年的人，还在领钱' },
    });
    // The draft is gone once the report is filed.
    expect(storage.has('report-draft:341821102201')).toBe(false);
  });

  it('asks the track first and sends the one chosen', async () => {
    setRouterParams({ code: '341821102201' });
    Taro.request.mockResolvedValueOnce({ statusCode: 201, data: JSON.stringify(receipt) });
    render(<ReportPage />);
    expect(screen.getByText('1. 您要反映的是：')).toBeTruthy();
    fireEvent.click(screen.getByTestId('track-petition'));
    fireEvent.click(screen.getByTestId('track-accusation'));
    fireEvent.click(screen.getByTestId('mode-anonymous'));
    fireEvent.click(screen.getByTestId('category-favoritism'));
    fireEvent.change(screen.getByTestId('content-input'), { target: { value: '村主任把低保名额给了自己的亲戚' } });
    fireEvent.click(screen.getByTestId('submit-report'));
    await waitFor(() => expect(Taro.request).toHaveBeenCalledTimes(1));
    expect(sentBody(0)).toMatchObject({ track: 'accusation', category: 'favoritism' });
  });

  it('takes a new key once the content is edited after a failure, so one key never carries two contents', async () => {
    setRouterParams({ code: '341821102201' });
    Taro.request.mockRejectedValue({ errMsg: 'request:fail' });
    render(<ReportPage />);
    fillAnonymous();
    fireEvent.click(screen.getByTestId('submit-report'));
    await screen.findByTestId('error-form');
    fireEvent.change(screen.getByTestId('content-input'), { target: { value: '补贴发放名单上有已经去世的人，还在领钱。' } });
    fireEvent.click(screen.getByTestId('submit-report'));
    await waitFor(() => expect(Taro.request).toHaveBeenCalledTimes(2));
    expect(sentBody(1).idempotencyKey).not.toBe(sentBody(0).idempotencyKey);
  });

  it('starts a new form with a new key', async () => {
    setRouterParams({ code: '341821102201' });
    Taro.request.mockRejectedValue({ errMsg: 'request:fail' });
    const first = render(<ReportPage />);
    fillAnonymous();
    fireEvent.click(screen.getByTestId('submit-report'));
    await screen.findByTestId('error-form');
    first.unmount();
    render(<ReportPage />);
    fillAnonymous();
    fireEvent.click(screen.getByTestId('submit-report'));
    await waitFor(() => expect(Taro.request).toHaveBeenCalledTimes(2));
    expect(sentBody(1).idempotencyKey).not.toBe(sentBody(0).idempotencyKey);
  });

  it('sends the empty submit to the first field with an error', async () => {
    setRouterParams({ code: '341821102201' });
    render(<ReportPage />);
    fireEvent.click(screen.getByTestId('track-petition'));
    fireEvent.click(screen.getByTestId('submit-report'));
    await screen.findByTestId('error-mode');
    await waitFor(() => expect(Taro.pageScrollTo).toHaveBeenCalledWith(expect.objectContaining({ selector: '#report-mode' })));
    // Each choice states whether it is checked; the error is read out with the group.
    expect(screen.getByTestId('track-petition').getAttribute('aria-label')).toBe('已选：需要村里或镇里解决的问题');
    expect(screen.getByTestId('mode-anonymous').getAttribute('role')).toBe('radio');
    expect(screen.getByTestId('error-mode').getAttribute('role')).toBe('alert');
  });

  it('keeps what was typed across a reload, without name or phone, until 清空', async () => {
    setRouterParams({ code: '341821102201' });
    const first = render(<ReportPage />);
    expect(screen.queryByTestId('draft-restored')).toBeNull();
    fillAnonymous();
    fireEvent.click(screen.getByTestId('mode-real_name'));
    fireEvent.change(screen.getByTestId('name-input'), { target: { value: '张三' } });
    first.unmount();

    render(<ReportPage />);
    expect(screen.getByTestId<HTMLTextAreaElement>('content-input').value).toBe('低保名单里有已经去世两年的人，还在领钱');
    expect(screen.getByTestId<HTMLInputElement>('name-input').value).toBe('');
    // Said at the top, as the next person to pick up the phone may not be the one who typed it.
    expect(screen.getByTestId('draft-restored').textContent).toContain('已恢复这部手机上次没有提交的内容');
    fireEvent.click(screen.getByTestId('clear-draft'));
    await waitFor(() => expect(screen.getByTestId<HTMLTextAreaElement>('content-input').value).toBe(''));
    expect(screen.queryByTestId('draft-restored')).toBeNull();
    expect(storage.has('report-draft:341821102201')).toBe(false);
  });
});
