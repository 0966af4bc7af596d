import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, jest } from '@jest/globals';
import Taro from '../../../test/mocks/taro';
import { currentSession } from '../../services/reporter-session';
import PhoneSignIn from './phone-sign-in';

const json = (statusCode: number, data: unknown) => ({ statusCode, data: JSON.stringify(data) });
const LATER = '2099-01-01T00:00:00.000Z';

describe('finding my reports by phone and an SMS code', () => {
  it('sends a code, counts down before another may be asked, and keeps the session the code opens', async () => {
    const signedIn = jest.fn();
    Taro.request
      .mockResolvedValueOnce(json(200, { resendAfterSeconds: 60, expiresInSeconds: 300 }))
      .mockResolvedValueOnce(json(201, { token: 'tok-phone', expiresAt: LATER }));
    render(<PhoneSignIn onSignedIn={signedIn} />);
    fireEvent.change(screen.getByTestId('mine-phone'), { target: { value: '13912345678' } });
    fireEvent.click(screen.getByTestId('send-code'));
    expect((await screen.findByTestId('code-sent')).textContent).toBe('验证码已用短信发到这个手机号，5分钟内有效。');
    expect(screen.getByTestId('send-code').textContent).toBe('重新获取（60秒）');
    await waitFor(() => expect(screen.getByTestId('send-code').textContent).toBe('重新获取（59秒）'), { timeout: 2500 });
    // A tap while counting down sends nothing.
    fireEvent.click(screen.getByTestId('send-code'));
    expect(Taro.request).toHaveBeenCalledTimes(1);
    expect(JSON.parse(Taro.request.mock.calls[0]![0].data!)).toEqual({ phone: '13912345678' });

    fireEvent.change(screen.getByTestId('mine-code'), { target: { value: '123456' } });
    fireEvent.click(screen.getByTestId('mine-sign-in'));
    await waitFor(() => expect(signedIn).toHaveBeenCalled());
    const open = Taro.request.mock.calls[1]![0];
    expect(open.url).toBe('https://api.example.test/api/v1/phone-sessions');
    expect(JSON.parse(open.data!)).toEqual({ phone: '13912345678', code: '123456' });
    expect(currentSession()).toEqual({ token: 'tok-phone', expiresAt: LATER, kind: 'phone' });
  });

  it('checks the phone and code before asking, and shows the server’s limits and refusals plainly', async () => {
    Taro.request
      .mockResolvedValueOnce(json(429, { code: 'RATE_LIMITED', message: '操作太频繁了，请稍等一分钟再试' }))
      .mockResolvedValueOnce(json(400, { code: 'PHONE_CODE_INVALID', message: '验证码不对或已过期，请重新获取' }));
    render(<PhoneSignIn onSignedIn={() => undefined} />);
    fireEvent.click(screen.getByTestId('send-code'));
    expect((await screen.findByTestId('error-mine-phone')).textContent).toBe('请填写11位手机号');
    fireEvent.change(screen.getByTestId('mine-phone'), { target: { value: '13912345678' } });
    fireEvent.click(screen.getByTestId('mine-sign-in'));
    expect((await screen.findByTestId('error-mine-code')).textContent).toBe('验证码是6位数字');
    expect(Taro.request).not.toHaveBeenCalled();

    fireEvent.click(screen.getByTestId('send-code'));
    expect((await screen.findByTestId('error-mine-form')).textContent).toBe('操作太频繁了，请稍等一分钟再试');
    fireEvent.change(screen.getByTestId('mine-code'), { target: { value: '000000' } });
    fireEvent.click(screen.getByTestId('mine-sign-in'));
    await waitFor(() => expect(screen.getByTestId('error-mine-form').textContent).not.toBe('操作太频繁了，请稍等一分钟再试'));
    expect(screen.getByTestId('error-mine-form').getAttribute('role')).toBe('alert');
    expect(currentSession()).toBeNull();
  });
});
