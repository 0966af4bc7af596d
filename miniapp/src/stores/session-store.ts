import Taro from '@tarojs/taro';
import { StaffSessionSchema, type StaffAccount, type StaffSession } from '@mashang/shared';
import { connectStaffSession } from '../services/api';

/**
 * The signed-in staff member, persisted through Taro storage so a PC browser or the mini program
 * keeps the session across reloads until it expires or the user logs out. Villagers never have one;
 * nothing about reporters is ever stored here.
 *
 * The mini program keeps the token too (WeChat's storage is the app's own) and sends it as a bearer
 * token. The H5 pages never store it: the server sets it as an HttpOnly cookie no script can read,
 * so a script injected into the page cannot carry the session away; they keep only who is signed in
 * and until when.
 */
const KEY = 'mashang.staff.session';

/** What is kept: the session, without its token on H5. */
export type StoredSession = Omit<StaffSession, 'token'> & { token?: string };
const StoredSessionSchema = StaffSessionSchema.extend({ token: StaffSessionSchema.shape.token.optional() });

const tokenInCookie = () => process.env.TARO_ENV === 'h5';

function read(): StoredSession | null {
  try {
    const raw: unknown = Taro.getStorageSync(KEY);
    if (!raw) return null;
    const parsed = StoredSessionSchema.safeParse(typeof raw === 'string' ? JSON.parse(raw) : raw);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The current session, or null when there is none or it has expired (an expired one is forgotten). */
export function getSession(now: number = Date.now()): StoredSession | null {
  const session = read();
  if (!session) return null;
  // A token an older H5 build left in storage is wiped: the page signs in again and gets the cookie.
  if (tokenInCookie() && session.token) {
    clearSession();
    return null;
  }
  const expires = Date.parse(session.expiresAt);
  if (Number.isNaN(expires) || expires <= now) {
    clearSession();
    return null;
  }
  return session;
}

export function setSession(session: StaffSession): void {
  const { token, ...rest } = session;
  const kept: StoredSession = tokenInCookie() ? rest : { ...rest, token };
  Taro.setStorageSync(KEY, JSON.stringify(kept));
}

/** The signed-in account as the server now describes it (after a password change or enrolment). */
export function setSessionAccount(account: StaffSession['account']): void {
  const session = read();
  if (session) Taro.setStorageSync(KEY, JSON.stringify({ ...session, account }));
}

export function clearSession(): void {
  try {
    Taro.removeStorageSync(KEY);
  } catch {
    // Nothing stored: nothing to forget.
  }
}

/** The bearer token to send; null on H5, whose requests carry the session cookie instead. */
export function sessionToken(): string | null {
  return getSession()?.token ?? null;
}

export function currentAccount(): StaffAccount | null {
  return getSession()?.account ?? null;
}

connectStaffSession({ token: sessionToken, clear: clearSession });
