import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { type StaffSession, contract } from '@mashang/shared';
import { useEffect, useState } from 'react';
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

  if (challenge) {
    return (
      <View className='staff login'>
        <View className='s-card'>
          <Text className='s-h1'>输入动态验证码</Text>
          <Text className='s-muted'>
            打开手机上的验证器（如“腾讯身份验证器”），输入“码上监督”现在显示的6位数字。手机不在身边时，可以输入一个恢复码。
          </Text>
          <Text className='s-label'>验证码</Text>
          <View className='s-box'>
            <Input
              className='s-input'
              data-testid='login-code'
              value={code}
              maxlength={12}
              onInput={(e) => setCode(e.detail.value)}
              onConfirm={() => void submitCode()}
            />
          </View>
          {error && (
            <Text className='s-error' data-testid='login-error'>
              {error}
            </Text>
          )}
          <View
            className={`s-btn s-btn--primary s-btn--block login__go${busy ? ' s-btn--disabled' : ''}`}
            data-testid='login-code-submit'
            role='button'
            onClick={() => void submitCode()}
          >
            {busy ? '正在验证……' : '验证并登录'}
          </View>
        </View>
      </View>
    );
  }

  return (
    <View className='staff login'>
      <View className='s-card'>
        <Text className='s-h1'>码上监督 · 工作人员登录</Text>
        <Text className='s-muted'>供乡镇纪委、县纪委工作人员使用。村民反映问题不需要登录。</Text>
        <Text className='s-label'>用户名</Text>
        <View className='s-box'>
          <Input
            className='s-input'
            data-testid='login-username'
            value={username}
            maxlength={40}
            onInput={(e) => setUsername(e.detail.value)}
          />
        </View>
        <Text className='s-label'>密码</Text>
        <View className='s-box'>
          <Input
            className='s-input'
            data-testid='login-password'
            password
            value={password}
            maxlength={200}
            onInput={(e) => setPassword(e.detail.value)}
            onConfirm={() => void submit()}
          />
        </View>
        {error && (
          <Text className='s-error' data-testid='login-error'>
            {error}
          </Text>
        )}
        <View
          className={`s-btn s-btn--primary s-btn--block login__go${busy ? ' s-btn--disabled' : ''}`}
          data-testid='login-submit'
          role='button'
          onClick={() => void submit()}
        >
          {busy ? '正在登录……' : '登录'}
        </View>
      </View>
    </View>
  );
}
