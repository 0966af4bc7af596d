import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from '@jest/globals';
import { setPhoneButtonAnswer } from '../../../test/mocks/components';
import Taro, { routeRequests, setRouterParams, type SentRequest } from '../../../test/mocks/taro';
import ReportPage from './index';

/** The report form in the mini program: a WeChat sign-in, phone and notices for real name; nothing of the kind for anonymous. */
const LATER = '2099-01-01T00:00:00.000Z';
const receipt = {
  reportNo: 'ABCDEFGHJK',
  queryCode: '1234567890123456789012345',
  status: 'submitted',
  receivedAt: '2026-11-27T08:00:00.000Z',
  dueDates: [],
};
const TEMPLATES = {
  templates: [
    { event: 'accepted', templateId: 'tmpl-accepted' },
    { event: 'answered', templateId: 'tmpl-answered' },
    { event: 'reviewed', templateId: 'tmpl-reviewed' },
  ],
  smsNotifications: true,
  phoneLogin: true,
};
const json = (statusCode: number, data: unknown) => ({ statusCode, data: JSON.stringify(data) });
const path = (request: SentRequest) => request.url.replace('https://api.example.test/api/v1', '');
const asked = () => Taro.request.mock.calls.map((c) => `${c[0].method} ${path(c[0])} ${c[0].header['X-Reporter-Token'] ?? '-'}`);
const bodyOf = (route: string) => {
  const found = Taro.request.mock.calls.find((c) => path(c[0]) === route);
  return found ? (JSON.parse(found[0].data!) as Record<string, unknown>) : null;
};

function server(request: SentRequest) {
  switch (path(request)) {
    case '/wechat/login':
      return json(200, { token: 'tok-wx', expiresAt: LATER });
    case '/wechat/templates':
      return json(200, TEMPLATES);
    case '/wechat/phone':
      return json(200, { phone: '13912345678' });
    case '/reports':
      return json(201, receipt);
    case '/me/reports/ABCDEFGHJK/subscriptions':
      return json(200, { granted: ['accepted', 'answered'] });
    default:
      return json(404, { code: 'NOT_FOUND', message: '没有找到' });
  }
}

function fill(mode: 'real_name' | 'anonymous') {
  fireEvent.click(screen.getByTestId('track-petition'));
  fireEvent.click(screen.getByTestId(`mode-${mode}`));
  fireEvent.click(screen.getByTestId('category-welfare_funds'));
  fireEvent.change(screen.getByTestId('content-input'), { target: { value: '低保名单里有已经去世两年的人，还在领钱' } });
}

describe('the report form in the mini program', () => {
  it('real name: fills the WeChat phone as verified, asks for notices within the tap before filing, files with the session, then posts the grants', async () => {
    setRouterParams({ code: '341821102201' });
    routeRequests(server);
    setPhoneButtonAnswer({ errMsg: 'getPhoneNumber:ok', code: 'phone-code-1' });
    render(<ReportPage />);
    fill('real_name');
    expect(await screen.findByTestId('wechat-notice')).toBeTruthy();
    fireEvent.change(screen.getByTestId('name-input'), { target: { value: '张大山' } });

    fireEvent.click(screen.getByTestId('wechat-phone'));
    await waitFor(() => expect(screen.getByTestId<HTMLInputElement>('phone-input').value).toBe('13912345678'));
    expect(screen.getByTestId('phone-verified').textContent).toContain('已验证');
    expect(bodyOf('/wechat/phone')).toEqual({ code: 'phone-code-1' });

    fireEvent.click(screen.getByTestId('submit-report'));
    // Within the tap itself, before anything was sent for this report.
    expect(Taro.requestSubscribeMessage).toHaveBeenCalledWith({ tmplIds: ['tmpl-accepted', 'tmpl-answered', 'tmpl-reviewed'] });
    expect(asked()).not.toContain('POST /reports tok-wx');
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/receipt/index' }));

    expect(asked()).toEqual([
      'GET /wechat/templates -',
      'POST /wechat/login -',
      'POST /wechat/phone tok-wx',
      'POST /reports tok-wx',
      'POST /me/reports/ABCDEFGHJK/subscriptions tok-wx',
    ]);
    expect(bodyOf('/reports')).toMatchObject({ mode: 'real_name', reporter: { name: '张大山', phone: '13912345678' } });
    expect(bodyOf('/me/reports/ABCDEFGHJK/subscriptions')).toEqual({
      results: { 'tmpl-accepted': 'accept', 'tmpl-answered': 'accept', 'tmpl-reviewed': 'accept' },
    });
  });

  it('real name: a phone typed over the WeChat one is no longer marked verified', async () => {
    setRouterParams({ code: '341821102201' });
    routeRequests(server);
    setPhoneButtonAnswer({ errMsg: 'getPhoneNumber:ok', code: 'phone-code-2' });
    render(<ReportPage />);
    fill('real_name');
    await waitFor(() => expect(asked()).toContain('GET /wechat/templates -'));
    fireEvent.click(screen.getByTestId('wechat-phone'));
    await screen.findByTestId('phone-verified');
    fireEvent.change(screen.getByTestId('phone-input'), { target: { value: '13800001111' } });
    expect(screen.queryByTestId('phone-verified')).toBeNull();
  });

  it('real name: a refused prompt or a used-up phone quota leaves the form working', async () => {
    setRouterParams({ code: '341821102201' });
    routeRequests(server);
    setPhoneButtonAnswer({ errMsg: 'getPhoneNumber:fail', errno: 1400001 });
    Taro.requestSubscribeMessage.mockImplementationOnce(() => Promise.reject(new Error('requestSubscribeMessage:fail 20004')));
    render(<ReportPage />);
    fill('real_name');
    await waitFor(() => expect(asked()).toContain('GET /wechat/templates -'));
    fireEvent.click(screen.getByTestId('wechat-phone'));
    expect((await screen.findByTestId('wechat-phone-note')).textContent).toBe('现在不能使用微信手机号，请直接填写手机号。');
    expect(screen.queryByTestId('wechat-phone')).toBeNull();
    fireEvent.change(screen.getByTestId('name-input'), { target: { value: '张大山' } });
    fireEvent.change(screen.getByTestId('phone-input'), { target: { value: '13800001111' } });
    fireEvent.click(screen.getByTestId('submit-report'));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/receipt/index' }));
    expect(asked()).toContain('POST /reports tok-wx');
    expect(asked().some((line) => line.includes('/subscriptions'))).toBe(false);
  });

  it('anonymous: never signs in, never sends a token, never asks for notices, and says so', async () => {
    setRouterParams({ code: '341821102201' });
    routeRequests(server);
    render(<ReportPage />);
    fill('anonymous');
    expect(screen.getByTestId('anonymous-no-notice').textContent).toBe('匿名反映不会收到通知，请记好提交后给您的查询码，凭它查看进度。');
    expect(screen.queryByTestId('wechat-phone')).toBeNull();
    fireEvent.click(screen.getByTestId('submit-report'));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/receipt/index' }));
    expect(asked()).toEqual(['POST /reports -']);
    expect(Taro.login).not.toHaveBeenCalled();
    expect(Taro.requestSubscribeMessage).not.toHaveBeenCalled();
  });

  it('choosing 实名 signs nobody in: the WeChat sign-in waits for the real-name submit tap', async () => {
    setRouterParams({ code: '341821102201' });
    routeRequests(server);
    render(<ReportPage />);
    fill('real_name');
    expect(await screen.findByTestId('wechat-notice')).toBeTruthy();
    expect(Taro.login).not.toHaveBeenCalled();
    expect(asked()).toEqual(['GET /wechat/templates -']);
    fireEvent.change(screen.getByTestId('name-input'), { target: { value: '张大山' } });
    fireEvent.change(screen.getByTestId('phone-input'), { target: { value: '13800001111' } });
    fireEvent.click(screen.getByTestId('submit-report'));
    // The prompt opens within the tap, before the sign-in.
    expect(Taro.requestSubscribeMessage).toHaveBeenCalled();
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/receipt/index' }));
    expect(Taro.login).toHaveBeenCalledTimes(1);
    expect(asked()).toEqual([
      'GET /wechat/templates -',
      'POST /wechat/login -',
      'POST /reports tok-wx',
      'POST /me/reports/ABCDEFGHJK/subscriptions tok-wx',
    ]);
  });

  it('anonymous after real name: no sign-in was made on the way, nothing but the report is sent', async () => {
    setRouterParams({ code: '341821102201' });
    routeRequests(server);
    render(<ReportPage />);
    fill('real_name');
    await waitFor(() => expect(asked()).toContain('GET /wechat/templates -'));
    fireEvent.click(screen.getByTestId('mode-anonymous'));
    fireEvent.click(screen.getByTestId('submit-report'));
    await waitFor(() => expect(Taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/receipt/index' }));
    expect(asked()).toEqual(['GET /wechat/templates -', 'POST /reports -']);
    expect(Taro.login).not.toHaveBeenCalled();
    expect(Taro.requestSubscribeMessage).not.toHaveBeenCalled();
  });
});
