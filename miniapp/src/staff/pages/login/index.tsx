import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { contract } from '@mashang/shared';
import { useEffect, useState } from 'react';
import { call } from '../../../services/api';
import { isApiError } from '../../../services/http';
import { getSession, setSession } from '../../../stores/session-store';
import { homePage, staffUrl } from '../../utils';
import '../../staff.scss';
import './index.scss';

function loginFailure(error: unknown): string {
  if (!isApiError(error)) return '登录没有成功，请再试一次';
  if (error.code === 'VALIDATION_FAILED' && error.details.length) return error.details[0]!.message;
  return error.message;
}

/** Staff sign-in; a live session goes straight to its home (the inbox, or the admin page). */
export default function LoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const live = getSession();
    if (live) void Taro.redirectTo({ url: staffUrl(homePage(live.account)) });
  }, []);

  const submit = async () => {
    if (busy) return;
    if (!username.trim() || !password) {
      setError('请输入用户名和密码');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await call(contract.staff.login, { body: { username: username.trim(), password } });
      setSession(session);
      setPassword('');
      await Taro.redirectTo({ url: staffUrl(homePage(session.account)) });
    } catch (e) {
      setError(loginFailure(e));
    } finally {
      setBusy(false);
    }
  };

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
          onClick={() => void submit()}
        >
          {busy ? '正在登录……' : '登录'}
        </View>
      </View>
    </View>
  );
}
