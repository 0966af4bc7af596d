import { Text, View } from '@tarojs/components';
import { contract } from '@mashang/shared';
import { useEffect, useState } from 'react';
import Field from '../../components/Field';
import { alertProps, buttonProps } from '../../components/Field/a11y';
import { call } from '../../services/api';
import { isApiError } from '../../services/http';
import { keepSession } from '../../services/reporter-session';

const PHONE = /^1[3-9]\d{9}$/;
const CODE = /^\d{6}$/;
/** When the server does not say, a new code may be asked for after this long. */
const RESEND_SECONDS = 60;

/** Seconds left before another code may be asked for; counts down once a second. */
function useCountdown(): [number, (seconds: number) => void] {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft((n) => n - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return [left, setLeft];
}

function failure(error: unknown): string {
  if (isApiError(error) && error.code === 'VALIDATION_FAILED' && error.details.length) return error.details[0]!.message;
  // Rate limits, a wrong or used-up code, SMS not working: the server's own words are plain.
  return isApiError(error) ? error.message : '没有成功，请再试一次';
}

/**
 * H5: a real-name reporter finds their reports by the phone they gave and a code sent to it by SMS.
 * The server answers the same whether or not the phone has reports, and limits how often codes go out.
 */
export default function PhoneSignIn({ onSignedIn }: { onSignedIn: () => void }) {
  const [phone, setPhone] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<{ phone?: string; code?: string; form?: string }>({});
  const [sent, setSent] = useState<{ minutes: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const [wait, setWait] = useCountdown();

  const sendCode = async () => {
    if (busy || wait > 0) return;
    if (!PHONE.test(phone.trim())) return setErrors({ phone: '请填写11位手机号' });
    setBusy(true);
    setErrors({});
    try {
      const answer = await call(contract.notification.sendPhoneCode, { body: { phone: phone.trim() } });
      setSent({ minutes: Math.max(1, Math.round(answer.expiresInSeconds / 60)) });
      setWait(answer.resendAfterSeconds > 0 ? answer.resendAfterSeconds : RESEND_SECONDS);
    } catch (error) {
      setErrors({ form: failure(error) });
    } finally {
      setBusy(false);
    }
  };

  const signIn = async () => {
    if (busy) return;
    const found: typeof errors = {};
    if (!PHONE.test(phone.trim())) found.phone = '请填写11位手机号';
    if (!CODE.test(code.trim())) found.code = '验证码是6位数字';
    if (found.phone || found.code) return setErrors(found);
    setBusy(true);
    setErrors({});
    try {
      keepSession(await call(contract.notification.openPhoneSession, { body: { phone: phone.trim(), code: code.trim() } }), 'phone');
      onSignedIn();
    } catch (error) {
      setErrors({ form: failure(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card' data-testid='phone-sign-in'>
      <Text className='h2'>用手机号查看</Text>
      <Text className='text'>实名反映时留了手机号的，输入手机号和短信验证码，就能看到用这个号码提交的反映。</Text>
      <Field
        id='mine-phone'
        label='手机号'
        type='number'
        value={phone}
        maxlength={11}
        onInput={(v) => {
          setPhone(v);
          setErrors({});
        }}
        testId='mine-phone'
        error={errors.phone}
        errorTestId='error-mine-phone'
      />
      <View
        className={`btn btn--secondary mine__send${busy || wait > 0 ? ' btn--disabled' : ''}`}
        data-testid='send-code'
        {...buttonProps()}
        aria-disabled={wait > 0 ? 'true' : undefined}
        onClick={() => void sendCode()}
      >
        {wait > 0 ? `重新获取（${wait}秒）` : sent ? '重新获取验证码' : '获取验证码'}
      </View>
      {sent && (
        <Text className='muted mine__sent' data-testid='code-sent'>
          验证码已用短信发到这个手机号，{sent.minutes}分钟内有效。
        </Text>
      )}
      <Field
        id='mine-code'
        label='短信验证码'
        type='number'
        value={code}
        maxlength={6}
        onInput={(v) => {
          setCode(v);
          setErrors({});
        }}
        onConfirm={() => void signIn()}
        testId='mine-code'
        error={errors.code}
        errorTestId='error-mine-code'
      />
      {errors.form && (
        <View className='field-error' data-testid='error-mine-form' {...alertProps('mine-form-error')}>
          {errors.form}
        </View>
      )}
      <View
        className={`btn btn--primary mine__go${busy ? ' btn--disabled' : ''}`}
        data-testid='mine-sign-in'
        {...buttonProps()}
        onClick={() => void signIn()}
      >
        查看我的反映
      </View>
    </View>
  );
}
