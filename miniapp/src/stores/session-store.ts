import Taro from '@tarojs/taro';
import { StaffSessionSchema, type StaffAccount, type StaffSession } from '@mashang/shared';

/**
 * The signed-in staff member: token and account, persisted through Taro storage so a PC browser
 * or the mini program keeps the session across reloads until it expires or the user logs out.
 * Villagers never have one; nothing about reporters is ever stored here.
 */
const KEY = 'mashang.staff.session';

function read(): StaffSession | null {
  try {
    const raw: unknown = Taro.getStorageSync(KEY);
    if (!raw) return null;
    const parsed = StaffSessionSchema.safeParse(typeof raw === 'string' ? JSON.parse(raw) : raw);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The current session, or null when there is none or it has expired (an expired one is forgotten). */
export function getSession(now: number = Date.now()): StaffSession | null {
  const session = read();
  if (!session) return null;
  const expires = Date.parse(session.expiresAt);
  if (Number.isNaN(expires) || expires <= now) {
    clearSession();
    return null;
  }
  return session;
}

export function setSession(session: StaffSession): void {
  Taro.setStorageSync(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  try {
    Taro.removeStorageSync(KEY);
  } catch {
    // Nothing stored: nothing to forget.
  }
}

export function sessionToken(): string | null {
  return getSession()?.token ?? null;
}

export function currentAccount(): StaffAccount | null {
  return getSession()?.account ?? null;
}
