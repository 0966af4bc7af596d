import { Text, View } from '@tarojs/components';
import { useEffect, type ComponentType } from 'react';
import { IS_H5 } from '../Field/a11y';
import { setElderMode, useElderMode } from '../../hooks/use-elder-mode';
import { RootFontSize } from './root-font-size';
import './index.scss';

/**
 * The page's text follows the phone's font size. Villager pages' sizes are rem (pxtransform): in
 * WeChat `page-meta` sets the root to the system's font size, in H5 app.scss sets it from the
 * browser's. 长辈模式 enlarges that root (H5: the `elder` class on <html>). Put it first in a page.
 */
export default function PageFont() {
  const elder = useElderMode();
  useEffect(() => {
    if (IS_H5) document.documentElement.classList.toggle('elder', elder);
  }, [elder]);
  if (IS_H5) return null;
  return <RootFontSize elder={elder} />;
}

/** The 长辈模式 switch: a real switch to assistive technology, its state in words as well. */
export function ElderToggle() {
  const elder = useElderMode();
  const a11y = IS_H5
    ? { role: 'switch', 'aria-checked': String(elder), tabindex: 0 }
    : { ariaRole: 'switch', ariaLabel: `长辈模式，${elder ? '已打开' : '已关闭'}` };
  return (
    <View
      className={`elder-toggle${elder ? ' elder-toggle--on' : ''}`}
      data-testid='elder-toggle'
      onClick={() => setElderMode(!elder)}
      {...a11y}
    >
      <Text className='elder-toggle__label'>长辈模式</Text>
      <Text className='elder-toggle__state'>{elder ? '已打开' : '已关闭'}</Text>
    </View>
  );
}

/** A villager page with PageFont first, as `page-meta` must be. */
export function withPageFont<P extends object>(Page: ComponentType<P>) {
  function WithPageFont(props: P) {
    return (
      <>
        <PageFont />
        <Page {...props} />
      </>
    );
  }
  return WithPageFont;
}
