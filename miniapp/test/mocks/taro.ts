/** A stand-in for `@tarojs/taro` in unit tests: every API a page uses, as a spy. */
import { vi } from 'vitest';

let routerParams: Record<string, string | undefined> = {};

export function setRouterParams(params: Record<string, string | undefined>): void {
  routerParams = params;
}

const Taro = {
  request: vi.fn(),
  navigateTo: vi.fn(async () => ({ errMsg: 'navigateTo:ok' })),
  redirectTo: vi.fn(async () => ({ errMsg: 'redirectTo:ok' })),
  setClipboardData: vi.fn(async () => ({ errMsg: 'setClipboardData:ok' })),
  setNavigationBarTitle: vi.fn(async () => ({ errMsg: 'setNavigationBarTitle:ok' })),
  getRandomValues: vi.fn(),
  getWindowInfo: vi.fn(() => ({ windowWidth: 375, windowHeight: 667 })),
  getSystemInfoSync: vi.fn(() => ({ windowWidth: 375, windowHeight: 667 })),
};

export function useRouter() {
  return { params: routerParams, path: '' };
}

export function resetTaro(): void {
  routerParams = {};
  Object.values(Taro).forEach((fn) => fn.mockClear());
  Taro.request.mockReset();
}

export default Taro;
