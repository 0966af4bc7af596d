import Taro from '@tarojs/taro';
import type { ReportMode, RouteRef, RouteResponse, RouteSpec } from '@mashang/shared';
import { villagerRoutes } from '@mashang/shared/labels';
import { type CallArgs, callWithHeaders } from './api';
import { isApiError } from './http';

/**
 * The reporter's own sign-in for 我的反映: in the mini program a WeChat login (`Taro.login`, exchanged
 * by the server), in H5 a phone checked by an SMS code. The opaque token is kept in Taro storage until
 * the server's expiry or 退出, and travels as `X-Reporter-Token` only on the reporter's own routes and
 * on real-name filings: an anonymous report never carries anything that could name its author.
 */
const KEY = 'reporter-session';
export const REPORTER_TOKEN_HEADER = 'X-Reporter-Token';

export type SessionKind = 'wechat' | 'phone';

export interface StoredReporterSession {
  token: string;
  expiresAt: string;
  kind: SessionKind;
}

/** Read when asked (the build writes the platform in; tests switch it). */
const isWeapp = () => process.env.TARO_ENV === 'weapp';

function isStored(value: unknown): value is StoredReporterSession {
  const v = value as Partial<StoredReporterSession> | null;
  return !!v && typeof v.token === 'string' && !!v.token && typeof v.expiresAt === 'string' && (v.kind === 'wechat' || v.kind === 'phone');
}

/** The live session on this phone, or null (an expired one is forgotten here). */
export function currentSession(now: number = Date.now()): StoredReporterSession | null {
  const value: unknown = Taro.getStorageSync(KEY);
  if (!isStored(value)) return null;
  const expires = Date.parse(value.expiresAt);
  if (!Number.isFinite(expires) || expires <= now) {
    forgetSession();
    return null;
  }
  return value;
}

export function keepSession(session: { token: string; expiresAt: string }, kind: SessionKind): StoredReporterSession {
  const stored = { token: session.token, expiresAt: session.expiresAt, kind };
  Taro.setStorageSync(KEY, stored);
  return stored;
}

export function forgetSession(): void {
  Taro.removeStorageSync(KEY);
}

function headersOf(session: StoredReporterSession | null): Record<string, string> {
  return session ? { [REPORTER_TOKEN_HEADER]: session.token } : {};
}

/** What a filing carries: the session only for a real-name report, never for an anonymous one. */
export function filingHeaders(mode: ReportMode | null | undefined): Record<string, string> {
  return mode === 'real_name' ? headersOf(currentSession()) : {};
}

/** One WeChat sign-in at a time: the list, the phone button and a filing may all ask at once. */
let signingIn: Promise<StoredReporterSession> | null = null;

/** Mini program: a fresh `Taro.login` code, exchanged by the server for a session (the openid stays there). */
export function signInWithWechat(): Promise<StoredReporterSession> {
  if (!isWeapp()) return Promise.reject(new Error('WeChat sign-in exists only in the mini program'));
  signingIn ??= (async () => {
    try {
      const { code } = await Taro.login();
      const session = await callWithHeaders(villagerRoutes.reporterAccount.wechatLogin, {}, { body: { code } });
      return keepSession(session, 'wechat');
    } finally {
      signingIn = null;
    }
  })();
  return signingIn;
}

/** The live session; in the mini program one is made silently when there is none. H5 answers null until the phone is checked. */
export async function ensureSession(): Promise<StoredReporterSession | null> {
  const session = currentSession();
  if (session || !isWeapp()) return session;
  return signInWithWechat();
}

const expired = (error: unknown) => isApiError(error) && (error.code === 'REPORTER_SESSION_EXPIRED' || error.code === 'UNAUTHENTICATED');

/**
 * One of the reporter's own routes, with the session. When the server no longer takes the token it is
 * forgotten; the mini program then signs in again once, H5 passes the error on (the page asks for the phone).
 */
export async function callAsReporter<R extends RouteSpec>(route: RouteRef<R>, ...args: CallArgs<R>): Promise<RouteResponse<R>> {
  const session = await ensureSession();
  try {
    return await callWithHeaders(route, headersOf(session), ...args);
  } catch (error) {
    if (!expired(error)) throw error;
    forgetSession();
    if (!isWeapp()) throw error;
    return callWithHeaders(route, headersOf(await signInWithWechat()), ...args);
  }
}

/** 退出: the server drops the token at once; the phone forgets it even when the network fails. */
export async function signOut(): Promise<void> {
  const session = currentSession();
  forgetSession();
  if (!session) return;
  try {
    await callWithHeaders(villagerRoutes.reporterAccount.signOut, headersOf(session));
  } catch {
    // Forgotten here already; the server lets it lapse at its expiry.
  }
}
