import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';

/**
 * 长辈模式: larger type, one column, the hotline as a big button, fewer things per screen. A choice
 * the phone keeps (in Taro storage), shared by every villager page: a change on one page reaches
 * the others through Taro's event centre, and a page shown again reads it afresh.
 */
const KEY = 'elder-mode';
const EVENT = 'elder-mode-changed';

export function isElderMode(): boolean {
  return Taro.getStorageSync<boolean | ''>(KEY) === true;
}

export function setElderMode(on: boolean): void {
  Taro.setStorageSync(KEY, on);
  Taro.eventCenter.trigger(EVENT, on);
}

export function useElderMode(): boolean {
  const [on, setOn] = useState(isElderMode);
  useDidShow(() => setOn(isElderMode()));
  useEffect(() => {
    const follow = (next: boolean) => setOn(next);
    Taro.eventCenter.on(EVENT, follow);
    return () => {
      Taro.eventCenter.off(EVENT, follow);
    };
  }, []);
  return on;
}
