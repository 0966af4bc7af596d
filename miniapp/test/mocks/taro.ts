/** A stand-in for `@tarojs/taro` in unit tests: every API a page uses, as a spy. */
import { jest } from '@jest/globals';

let routerParams: Record<string, string | undefined> = {};
let loginCount = 0;
/** Taro storage, in memory: cleared before each test. */
export const storage = new Map<string, unknown>();

export function setRouterParams(params: Record<string, string | undefined>): void {
  routerParams = params;
}

/** What a page passes to `Taro.request` (src/services/http.ts sends every field but `data` each time). */
export interface SentRequest {
  url: string;
  method: string;
  /** The JSON body, absent on a GET. */
  data?: string;
  header: Record<string, string>;
  dataType?: string;
  responseType?: string;
  timeout?: number;
}

/** What the network answers a page: a test resolves `Taro.request` with one of these. */
export interface NetworkAnswer {
  statusCode: number;
  data: unknown;
  header?: Record<string, string>;
  errMsg?: string;
}

/** The callback result every other Taro API resolves with. */
interface Done {
  errMsg: string;
}

/** Taro's APIs answer asynchronously, with `<api>:ok`. */
const done = (api: string): Promise<Done> => Promise.resolve({ errMsg: `${api}:ok` });

/** Taro's event centre: pages telling each other about a shared setting. */
type Listener = (...args: never[]) => void;
const listeners = new Map<string, Set<Listener>>();
const eventCenter = {
  on: (name: string, fn: Listener) => void listeners.set(name, (listeners.get(name) ?? new Set()).add(fn)),
  off: (name: string, fn: Listener) => void listeners.get(name)?.delete(fn),
  trigger: (name: string, ...args: unknown[]) => listeners.get(name)?.forEach((fn) => (fn as (...a: unknown[]) => void)(...args)),
};

const Taro = {
  eventCenter,
  request: jest.fn<(options: SentRequest) => Promise<NetworkAnswer>>(),
  navigateTo: jest.fn((_options: { url: string }) => done('navigateTo')),
  redirectTo: jest.fn((_options: { url: string }) => done('redirectTo')),
  reLaunch: jest.fn((_options: { url: string }) => done('reLaunch')),
  navigateBack: jest.fn((_options?: { delta?: number }) => done('navigateBack')),
  getStorageSync: jest.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: jest.fn((key: string, value: unknown) => void storage.set(key, value)),
  removeStorageSync: jest.fn((key: string) => void storage.delete(key)),
  setClipboardData: jest.fn((_options: { data: string }) => done('setClipboardData')),
  showModal: jest.fn((_options: { title: string; content?: string; confirmText?: string; cancelText?: string }) =>
    Promise.resolve({ confirm: true, cancel: false, errMsg: 'showModal:ok' }),
  ),
  pageScrollTo: jest.fn((_options: { selector?: string; scrollTop?: number; offsetTop?: number; duration?: number }) =>
    done('pageScrollTo'),
  ),
  makePhoneCall: jest.fn((_options: { phoneNumber: string }) => done('makePhoneCall')),
  setNavigationBarTitle: jest.fn((_options: { title: string }) => done('setNavigationBarTitle')),
  getRandomValues: jest.fn<(options: { length: number }) => Promise<{ randomValues: ArrayBuffer }>>(),
  getWindowInfo: jest.fn(() => ({ windowWidth: 375, windowHeight: 667 })),
  getSystemInfoSync: jest.fn(() => ({ windowWidth: 375, windowHeight: 667 })),
  /** A WeChat login code, a new one each time (the server exchanges it once). */
  login: jest.fn(() => Promise.resolve({ code: `wx-login-${++loginCount}`, errMsg: 'login:ok' })),
  /** The subscribe-message prompt: every template accepted unless a test says otherwise. */
  requestSubscribeMessage: jest.fn(({ tmplIds }: { tmplIds: string[] }) =>
    Promise.resolve<Record<string, string>>({
      errMsg: 'requestSubscribeMessage:ok',
      ...Object.fromEntries(tmplIds.map((id) => [id, 'accept'])),
    }),
  ),
  /** The page stack: a unit test renders one page, opened directly. */
  getCurrentPages: jest.fn((): Array<{ route?: string }> => []),
};

/** Answers every request with what `route` returns for it, asynchronously as the network does. */
export function routeRequests(route: (options: SentRequest) => NetworkAnswer): void {
  Taro.request.mockImplementation((options) => Promise.resolve(route(options)));
}

/** Page lifecycle hooks: a unit test renders a page once, so they never fire. */
export function useDidShow(_callback: () => void): void {}

export function useRouter() {
  return { params: routerParams, path: '' };
}

export function resetTaro(): void {
  routerParams = {};
  loginCount = 0;
  storage.clear();
  listeners.clear();
  Object.values(Taro).forEach((fn) => 'mockClear' in fn && fn.mockClear());
  Taro.request.mockReset();
}

export default Taro;
