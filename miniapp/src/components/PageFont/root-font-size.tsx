import { PageMeta } from '@tarojs/components';
import Taro from '@tarojs/taro';

/** 长辈模式 enlarges the root size by this much, on top of the phone's own setting. */
const ELDER_SCALE = 1.25;

/** The phone's font size in WeChat (16 px unless the reader changed it). */
function systemFontSize(): number {
  try {
    return Taro.getSystemInfoSync().fontSizeSetting || 16;
  } catch {
    return 16;
  }
}

/** The mini program's root font size, set through `page-meta` (root-font-size.h5.tsx is the H5 build's). */
export function RootFontSize({ elder }: { elder: boolean }) {
  return <PageMeta rootFontSize={elder ? `${Math.round(systemFontSize() * ELDER_SCALE)}px` : 'system'} />;
}
