import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type TwoFactorSetup, contract } from '@mashang/shared';
import { useState } from 'react';
import Field from '../../../components/Field';
import { call } from '../../../services/api';
import { isApiError } from '../../../services/http';
import { setSessionAccount } from '../../../stores/session-store';
import { handledAuthError, useAccount } from '../../hooks/use-staff-api';
import { homePage, staffUrl } from '../../utils';
import '../../staff.scss';
import './index.scss';

/**
 * Enrolment in two-factor sign-in: scan the QR code with an authenticator app, confirm with a code,
 * then write down the ten recovery codes, shown this once.
 */
export default function TwoFactorPage() {
  const account = useAccount();
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null);
  const [code, setCode] = useState('');
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!account) return null;

  const run = async (action: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      if (handledAuthError(e)) return;
      setError(isApiError(e) ? (e.details[0]?.message ?? e.message) : '操作没有成功，请再试一次');
    } finally {
      setBusy(false);
    }
  };
  const start = () => run(async () => setSetup(await call(contract.staff.twoFactorSetup)));
  const confirm = () =>
    run(async () => {
      const result = await call(contract.staff.twoFactorConfirm, { body: { code: code.trim() } });
      setSessionAccount(result.account);
      setRecoveryCodes(result.recoveryCodes);
    });

  if (recoveryCodes) {
    return (
      <View className='staff setup'>
        <View className='s-card'>
          <Text className='s-h1'>两步验证已开启</Text>
          <Text className='s-muted'>
            请把下面10个恢复码抄在纸上，放在安全的地方。手机丢了或换了时，每个恢复码可以代替验证码登录一次。它们只显示这一次。
          </Text>
          <View data-testid='recovery-codes'>
            {recoveryCodes.map((c) => (
              <Text key={c} className='s-h2' selectable>
                {c}
              </Text>
            ))}
          </View>
          <View
            className='s-btn s-btn--primary s-btn--block'
            data-testid='two-factor-done'
            role='button'
            onClick={() => void Taro.redirectTo({ url: staffUrl(homePage(account)) })}
          >
            我已抄好，开始工作
          </View>
        </View>
      </View>
    );
  }

  return (
    <View className='staff setup'>
      <View className='s-card'>
        <Text className='s-h1'>开启两步验证</Text>
        <Text className='s-muted'>
          {account.twoFactorRequired
            ? '您的账号能查看反映人身份或管理账号，登录时除了密码还需要手机上的动态验证码。'
            : '开启后，登录时除了密码还需要手机上的动态验证码，别人知道密码也登录不了。'}
        </Text>
        {!setup ? (
          <View
            className={`s-btn s-btn--primary s-btn--block${busy ? ' s-btn--disabled' : ''}`}
            data-testid='two-factor-start'
            role='button'
            onClick={() => void start()}
          >
            开始设置
          </View>
        ) : (
          <View>
            <Text className='s-label'>1. 在手机上安装验证器（如“腾讯身份验证器”或“Google Authenticator”），扫描下面的二维码</Text>
            <Image className='two-factor__qr' src={setup.qrCode} style={{ width: '240px', height: '240px' }} aria-label='两步验证二维码' />
            <Text className='s-muted'>无法扫码时，在验证器里手动输入密钥：</Text>
            <Text className='s-h2' selectable data-testid='two-factor-secret'>
              {setup.secret.replace(/(.{4})/g, '$1 ').trim()}
            </Text>
            <Field
              tone='staff'
              id='two-factor-code'
              label='2. 输入验证器里“码上监督”显示的6位数字'
              type='number'
              value={code}
              maxlength={6}
              onInput={setCode}
              onConfirm={() => void confirm()}
              testId='two-factor-code'
            />
            <View
              className={`s-btn s-btn--primary s-btn--block${busy ? ' s-btn--disabled' : ''}`}
              data-testid='two-factor-confirm'
              role='button'
              onClick={() => void confirm()}
            >
              确认开启
            </View>
          </View>
        )}
        {error && (
          <Text className='s-error' data-testid='two-factor-error'>
            {error}
          </Text>
        )}
      </View>
    </View>
  );
}
