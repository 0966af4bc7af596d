import { Button, Text, View } from '@tarojs/components';
import { villagerRoutes } from '@mashang/shared/labels';
import { useState } from 'react';
import { isApiError } from '../../services/http';
import { callAsReporter } from '../../services/reporter-session';

/** WeChat's answer when the mini program's paid phone-number quota is used up. */
const QUOTA_USED_UP = 1400001;

interface PhoneDetail {
  code?: string;
  errMsg?: string;
  errno?: number;
}

/**
 * Mini program, real name: 「使用微信手机号」 fills the phone WeChat vouches for (the server exchanges
 * the button's one-time code), and the report is marked as filed with a verified phone. Typing a
 * number by hand always works too.
 */
export default function WechatPhoneButton({ onPhone }: { onPhone: (phone: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [gone, setGone] = useState(false);

  const got = async ({ code, errno }: PhoneDetail) => {
    if (errno === QUOTA_USED_UP) {
      setGone(true);
      setNote('现在不能使用微信手机号，请直接填写手机号。');
      return;
    }
    if (!code) return; // the reporter chose not to share it
    setBusy(true);
    setNote(null);
    try {
      const { phone } = await callAsReporter(villagerRoutes.reporterAccount.wechatPhone, { body: { code } });
      onPhone(phone);
    } catch (error) {
      setNote(`${isApiError(error) ? error.message : '没有取到微信手机号'}。请直接填写手机号。`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='report__wechat-phone'>
      {!gone && (
        <Button
          className='btn btn--secondary report__wechat-phone-button'
          openType='getPhoneNumber'
          disabled={busy}
          data-testid='wechat-phone'
          onGetPhoneNumber={(event) => void got(event.detail)}
        >
          {busy ? '正在获取……' : '使用微信手机号'}
        </Button>
      )}
      {note && (
        <Text className='muted' data-testid='wechat-phone-note'>
          {note}
        </Text>
      )}
    </View>
  );
}
