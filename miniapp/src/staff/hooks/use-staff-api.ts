import Taro from '@tarojs/taro';
import type { StaffAccount } from '@mashang/shared';
import { useEffect, useState } from 'react';
import { useApi, type ApiState } from '../../hooks/use-api';
import { isApiError } from '../../services/http';
import { clearSession, getSession } from '../../stores/session-store';
import { staffUrl } from '../utils';

/** To the login page, replacing the current page, with no way back into a page that needs a session. */
export function goLogin(): void {
  clearSession();
  void Taro.redirectTo({ url: staffUrl('login') });
}

/** The page an account must go through before any other: its temporary password, then two-factor enrolment. */
export function setupPage(account: Pick<StaffAccount, 'mustChangePassword' | 'twoFactorRequired' | 'twoFactorEnabled'>): string | null {
  if (account.mustChangePassword) return 'password';
  if (account.twoFactorRequired && !account.twoFactorEnabled) return 'two-factor';
  return null;
}

/** True when the error means the session is gone or still owes a step; the caller has already been sent on. */
export function handledAuthError(error: unknown): boolean {
  if (!isApiError(error)) return false;
  if (error.code === 'UNAUTHENTICATED') {
    goLogin();
    return true;
  }
  if (error.code === 'PASSWORD_CHANGE_REQUIRED' || error.code === 'TWO_FACTOR_SETUP_REQUIRED') {
    void Taro.redirectTo({ url: staffUrl(error.code === 'PASSWORD_CHANGE_REQUIRED' ? 'password' : 'two-factor') });
    return true;
  }
  return false;
}

/** The signed-in account, read once per page; without one the page goes to login. */
export function useAccount(): StaffAccount | null {
  const [account] = useState(() => getSession()?.account ?? null);
  useEffect(() => {
    if (!account) goLogin();
  }, [account]);
  return account;
}

/** `useApi` for staff routes: nothing is loaded without a session, and UNAUTHENTICATED goes to login. */
export function useStaffApi<T>(load: () => Promise<T> | null, deps: unknown[]): ApiState<T> {
  const state = useApi(() => {
    if (getSession()) return load();
    goLogin(); // the session ended (expired, or logged out and came Back): never a blank page
    return null;
  }, deps);
  useEffect(() => {
    if (state.error) handledAuthError(state.error);
  }, [state.error]);
  return state;
}
