import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { PASSWORD_MIN_LENGTH, contract } from '@mashang/shared';
import { useState } from 'react';
import Field from '../../../components/Field';
import { call } from '../../../services/api';
import { isApiError } from '../../../services/http';
import { setSessionAccount } from '../../../stores/session-store';
import { handledAuthError, setupPage, useAccount } from '../../hooks/use-staff-api';
import { homePage, staffUrl } from '../../utils';
import '../../staff.scss';
import './index.scss';

/** Change one's own password: required before anything else while it is a temporary one. */
export default function PasswordPage() {
  const account = useAccount();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!account) return null;

  const submit = async () => {
    if (busy) return;
    if (!current || !next) return setError('请填写当前密码和新密码');
    if (next !== again) return setError('两次输入的新密码不一样');
    setBusy(true);
    setError(null);
    try {
      const updated = await call(contract.staff.changePassword, { body: { currentPassword: current, newPassword: next } });
      setSessionAccount(updated);
      await Taro.showToast({ title: '密码已修改', icon: 'success' });
      await Taro.redirectTo({ url: staffUrl(setupPage(updated) ?? homePage(updated)) });
    } catch (e) {
      if (handledAuthError(e)) return;
      if (isApiError(e)) setError(e.details[0]?.message ?? e.message);
      else setError('没有修改成功，请再试一次');
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='staff setup'>
      <View className='s-card'>
        <Text className='s-h1'>{account.mustChangePassword ? '请先设置自己的密码' : '修改密码'}</Text>
        {account.mustChangePassword && <Text className='s-muted'>管理员给您的是临时密码，设置自己的密码后才能开始工作。</Text>}
        <Text className='s-muted'>
          新密码至少{PASSWORD_MIN_LENGTH}
          个字符，不能包含用户名，不能是“woaini1314”“1qaz2wsx”这类常见密码。可以用一句好记的话，比如“村口老槐树2026年春”。
        </Text>
        <Field
          tone='staff'
          id='password-current'
          label='当前密码（临时密码）'
          password
          value={current}
          maxlength={200}
          onInput={setCurrent}
          testId='password-current'
        />
        <Field
          tone='staff'
          id='password-new'
          label='新密码'
          password
          value={next}
          maxlength={200}
          onInput={setNext}
          testId='password-new'
        />
        <Field
          tone='staff'
          id='password-again'
          label='再输一遍新密码'
          password
          value={again}
          maxlength={200}
          onInput={setAgain}
          onConfirm={() => void submit()}
          testId='password-again'
        />
        {error && (
          <Text className='s-error' data-testid='password-error'>
            {error}
          </Text>
        )}
        <View
          className={`s-btn s-btn--primary s-btn--block${busy ? ' s-btn--disabled' : ''}`}
          data-testid='password-submit'
          role='button'
          onClick={() => void submit()}
        >
          {busy ? '正在保存……' : '保存新密码'}
        </View>
      </View>
    </View>
  );
}
