import { contract } from '@mashang/shared';
import { describe, expect, it } from '@jest/globals';
import Taro, { storage } from '../../test/mocks/taro';
import { call } from '../services/api';
import { clearSession, currentAccount, getSession, sessionToken, setSession } from './session-store';

const account = {
  id: 2,
  username: 'taoyuan',
  displayName: '李纪委',
  role: 'township_handler' as const,
  regionCode: '341821102',
  regionName: '桃源镇',
  disabled: false,
  mustChangePassword: false,
  twoFactorEnabled: false,
  twoFactorRequired: false,
};
const session = { token: 'tok-123', expiresAt: '2999-01-01T00:00:00.000Z', account };

describe('staff session store', () => {
  it('keeps the session in Taro storage until logout', () => {
    expect(getSession()).toBeNull();
    setSession(session);
    expect(Taro.setStorageSync).toHaveBeenCalled();
    expect(sessionToken()).toBe('tok-123');
    expect(currentAccount()).toEqual(account);
    clearSession();
    expect(getSession()).toBeNull();
  });

  it('forgets an expired session', () => {
    setSession({ ...session, expiresAt: '2026-11-27T08:00:00.000Z' });
    expect(getSession(Date.parse('2026-11-27T07:59:00.000Z'))?.token).toBe('tok-123');
    expect(getSession(Date.parse('2026-11-27T08:00:00.000Z'))).toBeNull();
    expect(storage.size).toBe(0);
  });

  it('ignores something stored that is not a session', () => {
    storage.set('mashang.staff.session', '{"token":1}');
    expect(getSession()).toBeNull();
    storage.set('mashang.staff.session', 'not json');
    expect(getSession()).toBeNull();
  });

  it('on H5 keeps no token in storage: staff calls carry the HttpOnly session cookie instead', async () => {
    process.env.TARO_ENV = 'h5';
    try {
      setSession(session);
      expect(JSON.stringify([...storage.values()])).not.toContain('tok-123');
      expect(sessionToken()).toBeNull();
      expect(currentAccount()).toEqual(account);
      Taro.request.mockResolvedValueOnce({ statusCode: 200, data: JSON.stringify(account) });
      await call(contract.staff.me).catch(() => undefined);
      const sent = Taro.request.mock.calls[0]![0] as { header: Record<string, string>; credentials?: string };
      expect(sent.header).not.toHaveProperty('Authorization');
      expect(sent.credentials).toBe('same-origin');
      // A token an older build left in storage is wiped, not used.
      storage.set('mashang.staff.session', JSON.stringify(session));
      expect(getSession()).toBeNull();
      expect(storage.size).toBe(0);
    } finally {
      process.env.TARO_ENV = 'weapp';
    }
  });

  it('sends the bearer token on staff routes only, and drops the session on UNAUTHENTICATED', async () => {
    setSession(session);
    Taro.request
      .mockResolvedValueOnce({ statusCode: 200, data: JSON.stringify({ status: 'ok', database: 'sqlite' }) })
      .mockResolvedValueOnce({ statusCode: 401, data: JSON.stringify({ code: 'UNAUTHENTICATED', message: '请先登录' }) });
    await call(contract.system.health).catch(() => undefined);
    const publicHeader = (Taro.request.mock.calls[0]![0] as { header: Record<string, string> }).header;
    expect(publicHeader).not.toHaveProperty('Authorization');

    await expect(call(contract.case.alerts)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const staffHeader = (Taro.request.mock.calls[1]![0] as { header: Record<string, string> }).header;
    expect(staffHeader.Authorization).toBe('Bearer tok-123');
    expect(getSession()).toBeNull();
    // The http layer navigates nowhere: the page decides.
    expect(Taro.redirectTo).not.toHaveBeenCalled();
  });
});
