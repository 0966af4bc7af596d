import Taro from '@tarojs/taro';

/** Width of the window in px, for drawing (falls back to a 375px phone). */
export function windowWidth(): number {
  try {
    const info = typeof Taro.getWindowInfo === 'function' ? Taro.getWindowInfo() : Taro.getSystemInfoSync();
    return info?.windowWidth || 375;
  } catch {
    return 375;
  }
}
