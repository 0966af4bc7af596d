/** A stand-in for `@tarojs/taro` in unit tests: every API a page uses, as a spy. */
import { vi } from 'vitest';

let routerParams: Record<string, string | undefined> = {};
/** Taro storage, in memory: cleared before each test. */
export const storage = new Map<string, unknown>();

export function setRouterParams(params: Record<string, string | undefined>): void {
  routerParams = params;
}

const Taro = {
  request: vi.fn(),
  navigateTo: vi.fn(async () => ({ errMsg: 'navigateTo:ok' })),
  redirectTo: vi.fn(async () => ({ errMsg: 'redirectTo:ok' })),
  reLaunch: vi.fn(async () => ({ errMsg: 'reLaunch:ok' })),
  navigateBack: vi.fn(async () => ({ errMsg: 'navigateBack:ok' })),
  getStorageSync: vi.fn((key: string) => (storage.has(key) ? storage.get(key) : '')),
  setStorageSync: vi.fn((key: string, value: unknown) => void storage.set(key, value)),
  removeStorageSync: vi.fn((key: string) => void storage.delete(key)),
  setClipboardData: vi.fn(async () => ({ errMsg: 'setClipboardData:ok' })),
  setNavigationBarTitle: vi.fn(async () => ({ errMsg: 'setNavigationBarTitle:ok' })),
  getRandomValues: vi.fn(),
  getWindowInfo: vi.fn(() => ({ windowWidth: 375, windowHeight: 667 })),
  getSystemInfoSync: vi.fn(() => ({ windowWidth: 375, windowHeight: 667 })),
};

/** Page lifecycle hooks: a unit test renders a page once, so they never fire. */
export function useDidShow(_callback: () => void): void {}

export function useRouter() {
  return { params: routerParams, path: '' };
}

export function resetTaro(): void {
  routerParams = {};
  storage.clear();
  Object.values(Taro).forEach((fn) => fn.mockClear());
  Taro.request.mockReset();
}

export default Taro;
