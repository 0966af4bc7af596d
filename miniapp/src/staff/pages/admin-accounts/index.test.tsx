import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from '@jest/globals';
import { COUNTY_ADMIN } from '../../../../test/accounts';
import Taro from '../../../../test/mocks/taro';
import { setSession } from '../../../stores/session-store';
import AdminAccountsPage from './index';

const admin = COUNTY_ADMIN;
const handler = {
  id: 2,
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

const answer = (body: unknown, statusCode = 200) => ({ statusCode, data: JSON.stringify(body) });
type Sent = { url: string; method: string; data?: string };
const sent = (i: number) => Taro.request.mock.calls[i]![0] as Sent;

function open() {
  setSession({ token: 'tok', expiresAt: '2999-01-01T00:00:00.000Z', account: admin });
  render(<AdminAccountsPage />);
}

describe('admin accounts page', () => {
  it('lists the accounts with their role and region', async () => {
    Taro.request.mockResolvedValueOnce(answer({ items: [admin, { ...handler, disabled: true }] }));
    open();
    await waitFor(() => expect(screen.getAllByTestId('account-row')).toHaveLength(2));
    const row = screen.getAllByTestId('account-row')[1]!;
    expect(row.textContent).toContain('taoyuan');
    expect(row.textContent).toContain('乡镇纪委干部');
    expect(row.textContent).toContain('桃源镇');
    expect(row.textContent).toContain('已停用');
    // No disabling oneself.
    expect(screen.getAllByTestId('account-disable')).toHaveLength(1);
  });

  it('creates an account and shows its temporary password once, to be handed over in person', async () => {
    const created = {
      id: 7,
      username: 'shimen',
      displayName: '赵干部',
      role: 'township_handler',
      regionCode: '341821103',
      regionName: '石门乡',
      disabled: false,
      mustChangePassword: false,
      twoFactorEnabled: false,
      twoFactorRequired: false,
    };
    Taro.request
      .mockResolvedValueOnce(answer({ items: [admin] }))
      .mockResolvedValueOnce(answer({ account: created, temporaryPassword: 'Xk7-pq92-Lm4w' }, 201));
    open();
    await screen.findByTestId('account-row');
    fireEvent.click(screen.getByTestId('account-create'));
    fireEvent.change(screen.getByTestId('account-form-username'), { target: { value: 'shimen' } });
    fireEvent.change(screen.getByTestId('account-form-displayName'), { target: { value: '赵干部' } });
    fireEvent.click(screen.getByTestId('account-form-role'));
    fireEvent.click(screen.getByTestId('account-form-role-option-township_handler'));
    fireEvent.change(screen.getByTestId('account-form-regionCode'), { target: { value: '341821103' } });
    fireEvent.click(screen.getByTestId('account-submit'));

    expect((await screen.findByTestId('temporary-password')).textContent).toBe('Xk7-pq92-Lm4w');
    expect(screen.getByTestId('account-created').textContent).toContain('当面交给本人');
    expect(sent(1).method).toBe('POST');
    expect(sent(1).url).toBe('https://api.example.test/api/v1/admin/accounts');
    expect(JSON.parse(sent(1).data!)).toEqual({
      username: 'shimen',
      displayName: '赵干部',
      role: 'township_handler',
      regionCode: '341821103',
    });
    expect(screen.getAllByTestId('account-row')).toHaveLength(2);
  });

  it('names the field a create form lacks and sends nothing', async () => {
    Taro.request.mockResolvedValueOnce(answer({ items: [admin] }));
    open();
    fireEvent.click(await screen.findByTestId('account-create'));
    fireEvent.change(screen.getByTestId('account-form-username'), { target: { value: 'shimen' } });
    fireEvent.change(screen.getByTestId('account-form-displayName'), { target: { value: '赵干部' } });
    fireEvent.change(screen.getByTestId('account-form-regionCode'), { target: { value: '341821103' } });
    fireEvent.click(screen.getByTestId('account-submit'));
    expect((await screen.findByTestId('account-error-role')).textContent).toBe('请选择角色');
    expect(Taro.request).toHaveBeenCalledTimes(1);
  });

  it('resets a password only after a confirmation, then shows the new temporary password', async () => {
    Taro.request
      .mockResolvedValueOnce(answer({ items: [admin, handler] }))
      .mockResolvedValueOnce(answer({ account: handler, temporaryPassword: 'Nw3-zz81-Qa7e' }));
    open();
    // The admin's own row offers no reset: its password changes on the password page.
    await waitFor(() => expect(screen.getAllByTestId('account-row')).toHaveLength(2));
    expect(screen.getAllByTestId('account-reset')).toHaveLength(1);
    fireEvent.click(screen.getAllByTestId('account-reset')[0]!);
    expect(screen.getByTestId('account-reset-dialog').textContent).toContain('李纪委');
    expect(Taro.request).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByTestId('account-reset-confirm'));
    expect((await screen.findByTestId('temporary-password')).textContent).toBe('Nw3-zz81-Qa7e');
    expect(sent(1).method).toBe('POST');
    expect(sent(1).url).toBe('https://api.example.test/api/v1/admin/accounts/2/reset-password');
    expect(screen.queryByTestId('account-reset-dialog')).toBeNull();
  });

  it('offers no disable or reset on a peer admin, only on an admin of a lower level', async () => {
    const peer = { ...admin, id: 3, username: 'admin2', displayName: '赵管理' };
    const townshipAdmin = {
      ...admin,
      id: 4,
      username: 'taoyuan-admin',
      displayName: '桃源管理',
      regionCode: '341821102',
      regionName: '桃源镇',
    };
    Taro.request.mockResolvedValueOnce(answer({ items: [admin, peer, townshipAdmin] }));
    open();
    await waitFor(() => expect(screen.getAllByTestId('account-row')).toHaveLength(3));
    const rows = screen.getAllByTestId('account-row');
    expect(rows.map((r) => r.querySelectorAll('[data-testid="account-reset"], [data-testid="account-disable"]').length)).toEqual([0, 0, 2]);
  });

  it('disables an account and shows it as disabled', async () => {
    Taro.request.mockResolvedValueOnce(answer({ items: [admin, handler] })).mockResolvedValueOnce(answer({ ...handler, disabled: true }));
    open();
    fireEvent.click(await screen.findByTestId('account-disable'));
    await waitFor(() => expect(screen.getAllByTestId('account-state')[1]!.textContent).toBe('已停用'));
    expect(sent(1).method).toBe('PUT');
    expect(sent(1).url).toBe('https://api.example.test/api/v1/admin/accounts/2');
    expect(JSON.parse(sent(1).data!)).toEqual({ disabled: true });
    expect(screen.getByTestId('account-disable').textContent).toBe('启用');
  });
});
