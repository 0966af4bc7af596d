import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { AccountCreateSchema, contract, STAFF_ROLES, type StaffAccount, type StaffRole } from '@mashang/shared';
import { type ReactNode, useState } from 'react';
import StatusView from '../../../components/StatusView';
import Field, { type FieldProps } from '../../../components/Field';
import { call } from '../../../services/api';
import { isApiError } from '../../../services/http';
import Select from '../../components/Select';
import StaffBar from '../../components/StaffBar';
import { handledAuthError, useAccount, useStaffApi } from '../../hooks/use-staff-api';
import { fieldProblems, problemText } from '../../problem';
import '../../staff.scss';
import './index.scss';

const ROLE_OPTIONS = (Object.entries(STAFF_ROLES) as [StaffRole, string][]).map(([value, label]) => ({ value, label }));
const HEAD = ['用户名', '姓名', '角色', '所属区划', '状态', ''];

interface Draft {
  username: string;
  displayName: string;
  role: string;
  regionCode: string;
}
const EMPTY: Draft = { username: '', displayName: '', role: '', regionCode: '' };

/** A temporary password, shown once, big, with how to hand it over. */
function TemporaryPassword({ username, password }: { username: string; password: string }) {
  return (
    <View className='accounts__temp'>
      <Text className='s-text'>
        账号 <Text className='accounts__strong'>{username}</Text> 的临时密码：
      </Text>
      <Text className='accounts__password' data-testid='temporary-password' selectable>
        {password}
      </Text>
      <Text className='accounts__temp-note'>
        只显示这一次，系统不保存明文。请当面交给本人，不要通过微信、短信或电话转告；本人登录后应尽快修改。
      </Text>
      <Text className='s-btn' onClick={() => void Taro.setClipboardData({ data: password })}>
        复制
      </Text>
    </View>
  );
}

/**
 * One account: its facts, disable/enable, and a password reset behind a confirmation. Neither for a
 * locked account: one's own (its password changes on the password page) or a peer admin's.
 */
function AccountRow({ item, locked, onChanged }: { item: StaffAccount; locked: boolean; onChanged: (a: StaffAccount) => void }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [password, setPassword] = useState<string | null>(null);

  const run = async (work: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      if (!handledAuthError(e)) setError(problemText(e));
    } finally {
      setBusy(false);
    }
  };
  const toggle = () =>
    run(async () => {
      onChanged(await call(contract.admin.updateAccount, { params: { id: item.id }, body: { disabled: !item.disabled } }));
    });
  const reset = () =>
    run(async () => {
      const issued = await call(contract.admin.resetPassword, { params: { id: item.id } });
      setAsking(false);
      setPassword(issued.temporaryPassword);
      onChanged(issued.account);
    });

  return (
    <View className={`s-table__row accounts__row${item.disabled ? ' accounts__row--off' : ''}`} data-testid='account-row'>
      <View className='accounts__facts'>
        <Text className='s-table__cell accounts__username'>{item.username}</Text>
        <Text className='s-table__cell'>{item.displayName}</Text>
        <Text className='s-table__cell'>{STAFF_ROLES[item.role]}</Text>
        <Text className='s-table__cell'>{item.regionName}</Text>
        <Text className={`s-table__cell${item.disabled ? ' accounts__off' : ' accounts__on'}`} data-testid='account-state'>
          {item.disabled ? '已停用' : '正常'}
        </Text>
        <View className='s-table__cell accounts__buttons'>
          {!locked && (
            <Text className={`s-btn${busy ? ' s-btn--disabled' : ''}`} data-testid='account-disable' onClick={() => void toggle()}>
              {item.disabled ? '启用' : '停用'}
            </Text>
          )}
          {!locked && !asking && (
            <Text className='s-btn' data-testid='account-reset' onClick={() => setAsking(true)}>
              重置密码
            </Text>
          )}
        </View>
      </View>
      {asking && (
        <View className='accounts__confirm' data-testid='account-reset-dialog'>
          <Text className='s-text'>
            给 {item.displayName}（{item.username}）重置密码？原密码立即失效，已登录的设备会被退出，新的临时密码只显示一次。
          </Text>
          <Text
            className={`s-btn s-btn--primary${busy ? ' s-btn--disabled' : ''}`}
            data-testid='account-reset-confirm'
            onClick={() => void reset()}
          >
            确定重置
          </Text>
          <Text className='s-btn' data-testid='account-reset-cancel' onClick={() => setAsking(false)}>
            取消
          </Text>
        </View>
      )}
      {password && <TemporaryPassword username={item.username} password={password} />}
      {error && <Text className='s-error'>{error}</Text>}
    </View>
  );
}

function fieldOf(path: string): string | null {
  const field = path.replace(/^body\./, '').split('.')[0]!;
  return field in EMPTY ? field : null;
}

/** Staff accounts of the admin's region: list, create with a temporary password, disable, reset. */
export default function AdminAccountsPage() {
  const account = useAccount();
  const allowed = account?.role === 'admin';
  const loaded = useStaffApi(() => (allowed ? call(contract.admin.accounts) : null), [allowed]);
  const [items, setItems] = useState<StaffAccount[] | null>(null);
  const [creating, setCreating] = useState(false);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [issued, setIssued] = useState<{ username: string; password: string } | null>(null);

  // Each new answer from the server is copied into the state the page edits, during render (React's
  // "adjusting some state when a prop changes") rather than in an effect one render later.
  const [answer, setAnswer] = useState<typeof loaded.data>(null);
  if (loaded.data !== answer) {
    setAnswer(loaded.data);
    if (loaded.data) setItems(loaded.data.items);
  }

  if (!account) return <View className='staff' />;
  const set = (key: keyof Draft) => (value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const replace = (changed: StaffAccount) => setItems((list) => list?.map((a) => (a.id === changed.id ? changed : a)) ?? list);

  const submit = async () => {
    if (busy) return;
    const checked = AccountCreateSchema.safeParse(draft);
    if (!checked.success) {
      const found: Record<string, string> = {};
      for (const issue of checked.error.issues) {
        const key = String(issue.path[0] ?? '');
        found[key] ??= issue.message;
      }
      setErrors(found);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const created = await call(contract.admin.createAccount, { body: checked.data });
      setIssued({ username: created.account.username, password: created.temporaryPassword });
      setItems((list) => [...(list ?? []), created.account]);
      setDraft(EMPTY);
      setCreating(false);
    } catch (e) {
      if (handledAuthError(e)) return;
      if (isApiError(e) && e.code === 'USERNAME_TAKEN') setErrors({ username: e.message });
      else setErrors(fieldProblems(e, fieldOf));
    } finally {
      setBusy(false);
    }
  };

  const field = (key: keyof Draft, label: string, input: ReactNode) => (
    <View className='accounts__field'>
      <Text className='s-label'>{label}</Text>
      {input}
      {errors[key] && (
        <Text className='s-error' data-testid={`account-error-${key}`}>
          {errors[key]}
        </Text>
      )}
    </View>
  );

  const textField = (key: 'username' | 'displayName' | 'regionCode', label: string, extra: Partial<FieldProps>) => (
    <View className='accounts__field'>
      <Field
        tone='staff'
        id={`account-form-${key}`}
        label={label}
        value={draft[key]}
        onInput={set(key)}
        testId={`account-form-${key}`}
        error={errors[key]}
        errorTestId={`account-error-${key}`}
        {...extra}
      />
    </View>
  );

  return (
    <View className='staff staff--wide accounts'>
      <StaffBar account={account} current='admin-accounts' />
      <View className='accounts__head'>
        <Text className='s-h1'>账号管理</Text>
        {allowed && !creating && (
          <Text
            className='s-btn s-btn--primary'
            data-testid='account-create'
            onClick={() => {
              setCreating(true);
              setIssued(null);
              setErrors({});
            }}
          >
            新建账号
          </Text>
        )}
      </View>
      {!allowed && <Text className='s-text'>这一页只对系统管理员开放。</Text>}

      {issued && (
        <View className='s-card accounts__issued' data-testid='account-created'>
          <Text className='s-h2'>账号已建好</Text>
          <TemporaryPassword username={issued.username} password={issued.password} />
        </View>
      )}

      {allowed && creating && (
        <View className='s-card' data-testid='account-form'>
          <Text className='s-h2'>新建账号</Text>
          <View className='accounts__fields'>
            {textField('username', '用户名（登录用）', { maxlength: 40, placeholder: '例如 lixiang' })}
            {textField('displayName', '姓名', { maxlength: 20 })}
            {field(
              'role',
              '角色',
              <Select
                testId='account-form-role'
                options={ROLE_OPTIONS}
                value={draft.role}
                placeholder='请选择角色'
                onChange={set('role')}
              />,
            )}
            {textField('regionCode', '所属区划代码', {
              type: 'number',
              maxlength: 12,
              placeholder: `县6位、乡镇9位、村12位，如 ${account.regionCode}`,
            })}
          </View>
          <Text className='s-muted'>账号只能看到所属区划及其下级的反映。建好后显示一次临时密码。</Text>
          {errors[''] && (
            <Text className='s-error' data-testid='account-error'>
              {errors['']}
            </Text>
          )}
          <View>
            <Text
              className={`s-btn s-btn--primary${busy ? ' s-btn--disabled' : ''}`}
              data-testid='account-submit'
              onClick={() => void submit()}
            >
              {busy ? '正在建立……' : '建立账号'}
            </Text>
            <Text
              className='s-btn'
              data-testid='account-cancel'
              onClick={() => {
                setCreating(false);
                setErrors({});
              }}
            >
              取消
            </Text>
          </View>
        </View>
      )}

      {allowed && (
        <View className='s-card' data-testid='account-list'>
          {!items && <StatusView loading={loaded.loading} error={loaded.error} onRetry={loaded.reload} />}
          {items && (
            <View className='s-table__head'>
              {HEAD.map((h, i) => (
                <Text key={i} className={`s-table__cell${i === HEAD.length - 1 ? ' accounts__buttons' : ''}`}>
                  {h}
                </Text>
              ))}
            </View>
          )}
          {items?.map((item) => (
            <AccountRow
              key={item.id}
              item={item}
              // Admin accounts are managed only from a strictly higher level.
              locked={item.id === account.id || (item.role === 'admin' && item.regionCode.length <= account.regionCode.length)}
              onChanged={replace}
            />
          ))}
        </View>
      )}
    </View>
  );
}
