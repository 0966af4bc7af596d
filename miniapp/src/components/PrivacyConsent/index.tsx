import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { pageUrl } from '../../utils/format';
import './index.scss';

type Resolve = (option: { event: 'exposureAuthorization' | 'agree' | 'disagree'; buttonId?: string }) => void;

/** The agree button's id: WeChat checks that the button named in `resolve` was really tapped. */
export const AGREE_BUTTON_ID = 'privacy-agree';

/**
 * WeChat keeps one listener for privacy authorisation for the whole mini program: it is registered once,
 * and each request goes to the consent sheet mounted last (the page in front). With no sheet mounted the
 * request is declined, so the API that asked fails as after a refusal, and nothing is collected.
 */
const sheets: Array<(resolve: Resolve) => void> = [];
let listening = false;

function listenOnce(): void {
  if (listening || process.env.TARO_ENV !== 'weapp' || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  listening = true;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    const show = sheets.at(-1);
    if (show) show(resolve);
    else resolve({ event: 'disagree' });
  });
}

/** For tests: forget the listener, as a fresh start of the mini program would. */
export function resetPrivacyListener(): void {
  listening = false;
  sheets.length = 0;
}

const openPrivacyPage = () => void Taro.navigateTo({ url: pageUrl('privacy') });

/**
 * Before a name, phone or photo is collected: a short notice with a link to the privacy page (both
 * builds), and in WeChat the privacy authorisation sheet it requires, whose 同意 is WeChat's own
 * `agreePrivacyAuthorization` button. Put it where the fields that collect them start (or around them).
 */
export default function PrivacyConsent({
  children,
  what = '您的姓名和手机号',
  purpose,
}: {
  children?: ReactNode;
  what?: string;
  /** Where nothing is collected for the report (saving the receipt image): the sheet's reason, and no notice line. */
  purpose?: string;
}) {
  const [pending, setPending] = useState<Resolve | null>(null);
  /** The request still waiting for an answer, for the cleanup (which sees only the first render's state). */
  const unanswered = useRef<Resolve | null>(null);

  useEffect(() => {
    if (process.env.TARO_ENV !== 'weapp') return;
    listenOnce();
    const show = (resolve: Resolve) => {
      resolve({ event: 'exposureAuthorization' });
      unanswered.current = resolve;
      setPending(() => resolve);
    };
    sheets.push(show);
    return () => {
      sheets.splice(sheets.indexOf(show), 1);
      // Leaving the page with the sheet open: WeChat must not wait for an answer forever.
      unanswered.current?.({ event: 'disagree' });
      unanswered.current = null;
    };
  }, []);

  const answer = (event: 'agree' | 'disagree') => {
    pending?.(event === 'agree' ? { event, buttonId: AGREE_BUTTON_ID } : { event });
    unanswered.current = null;
    setPending(null);
  };

  return (
    <View className='privacy-consent'>
      {!purpose && (
        <View className='privacy-consent__notice' data-testid='privacy-notice'>
          <Text className='muted'>{what}只给办理的纪委干部看，加密保存，不会告诉被反映的人。</Text>
          <Text className='link privacy-consent__link' data-testid='privacy-link' onClick={openPrivacyPage}>
            隐私说明
          </Text>
        </View>
      )}
      {children}
      {pending && (
        <View className='privacy-consent__mask' data-testid='privacy-sheet'>
          <View className='privacy-consent__sheet' ariaRole='dialog' ariaLabel='隐私保护提示'>
            <Text className='h2'>隐私保护提示</Text>
            <Text className='text'>
              {purpose ?? '实名反映要用到您的姓名和手机号，上传照片要用到相册或相机。这些只用于办理您反映的问题。'}请先阅读：
            </Text>
            <Text
              className='link privacy-consent__link'
              data-testid='privacy-contract'
              onClick={() => Taro.openPrivacyContract?.({ fail: () => undefined })}
            >
              《码上监督小程序隐私保护指引》
            </Text>
            <Text className='link privacy-consent__link' onClick={openPrivacyPage}>
              隐私说明（我们保存什么、保存多久、谁能看到）
            </Text>
            {!purpose && <Text className='muted privacy-consent__hint'>不同意也可以匿名反映，匿名不需要填写这些信息。</Text>}
            <Button
              id={AGREE_BUTTON_ID}
              className='btn btn--primary privacy-consent__agree'
              openType='agreePrivacyAuthorization'
              data-testid='privacy-agree'
              onAgreePrivacyAuthorization={() => answer('agree')}
            >
              同意并继续
            </Button>
            <View className='btn btn--secondary' data-testid='privacy-disagree' onClick={() => answer('disagree')}>
              不同意
            </View>
          </View>
        </View>
      )}
    </View>
  );
}
