import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type StaffSession, contract } from '@mashang/shared';
import { useEffect, useState } from 'react';
import Field from '../../../components/Field';
import { alertProps, buttonProps } from '../../../components/Field/a11y';
import { call } from '../../../services/api';
import { isApiError } from '../../../services/http';
import { getSession, setSession } from '../../../stores/session-store';
import { setupPage } from '../../hooks/use-staff-api';
import { homePage, staffUrl } from '../../utils';
import '../../staff.scss';
import './index.scss';

function loginFailure(error: unknown): string {
  if (!isApiError(error)) return '登录没有成功，请再试一次';
  if (error.code === 'VALIDATION_FAILED' && error.details.length) return error.details[0]!.message;
  return error.message;
}

/** Where a new session goes: a step the account still owes, or its home (the inbox, or the admin page). */
function landing(session: Pick<StaffSession, 'account'>): string {
  return staffUrl(setupPage(session.account) ?? homePage(session.account));
}

/** Staff sign-in: the password, then (for an account with two-factor sign-in) the code from the phone. */
export default function LoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const live = getSession();
    if (live) void Taro.redirectTo({ url: landing(live) });
  }, []);

  const signedIn = async (session: StaffSession) => {
    setSession(session);
    setPassword('');
    setCode('');
    await Taro.redirectTo({ url: landing(session) });
  };

  const submit = async () => {
    if (busy) return;
    if (!username.trim() || !password) {
      setError('请输入用户名和密码');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const result = await call(contract.staff.login, { body: { username: username.trim(), password } });
      if ('twoFactorChallenge' in result) setChallenge(result.twoFactorChallenge);
      else await signedIn(result);
    } catch (e) {
      setError(loginFailure(e));
    } finally {
      setBusy(false);
    }
  };

  const submitCode = async () => {
    if (busy || !challenge) return;
    if (!code.trim()) {
      setError('请输入验证码');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signedIn(await call(contract.staff.loginTwoFactor, { body: { challenge, code: code.trim() } }));
    } catch (e) {
      if (isApiError(e) && e.code === 'TWO_FACTOR_CHALLENGE_EXPIRED') {
        setChallenge(null);
        setPassword('');
      }
      setError(loginFailure(e));
    } finally {
      setBusy(false);
    }
  };

  // The two steps share one layout: a title, a line of help, their fields, an error and one button.
  const step = challenge
    ? {
        title: '输入动态验证码',
        help: '打开手机上的验证器（如“腾讯身份验证器”），输入“码上监督”现在显示的6位数字。手机不在身边时，可以输入一个恢复码。',
        go: submitCode,
        button: busy ? '正在验证……' : '验证并登录',
        buttonTestId: 'login-code-submit',
      }
    : {
        title: '码上监督 · 工作人员登录',
        help: '供乡镇纪委、县纪委工作人员使用。村民反映问题不需要登录。',
        go: submit,
        button: busy ? '正在登录……' : '登录',
        buttonTestId: 'login-submit',
      };

  return (
    <View className='staff login'>
      <View className='s-card'>
        <Text className='s-h1'>{step.title}</Text>
        <Text className='s-muted'>{step.help}</Text>
        {challenge ? (
          <Field
            tone='staff'
            id='login-code'
            label='验证码'
            value={code}
            maxlength={12}
            onInput={setCode}
            onConfirm={() => void submitCode()}
            testId='login-code'
          />
        ) : (
          <>
            <Field
              tone='staff'
              id='login-username'
              label='用户名'
              value={username}
              maxlength={40}
              onInput={setUsername}
              testId='login-username'
            />
            <Field
              tone='staff'
              id='login-password'
              label='密码'
              password
              value={password}
              maxlength={200}
              onInput={setPassword}
              onConfirm={() => void submit()}
              testId='login-password'
            />
          </>
        )}
        {error && (
          <View className='s-error' data-testid='login-error' {...alertProps('login-error')}>
            {error}
          </View>
        )}
        <View
          className={`s-btn s-btn--primary s-btn--block login__go${busy ? ' s-btn--disabled' : ''}`}
          data-testid={step.buttonTestId}
          {...buttonProps()}
          onClick={() => void step.go()}
        >
          {step.button}
        </View>
      </View>
    </View>
  );
}
