import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { contract, STAFF_ROLES, type StaffAccount } from '@mashang/shared';
import { call } from '../../../services/api';
import { clearSession } from '../../../stores/session-store';
import { staffUrl, worksCases } from '../../utils';
import './index.scss';

interface Props {
  account: StaffAccount;
  /** The page this bar sits on, so its own link is not shown. */
  current: 'inbox' | 'alerts' | 'county' | 'record' | 'case' | 'admin' | 'admin-accounts' | 'admin-audit' | 'admin-calendar' | 'admin-rules' | 'village-staff';
}

/** The admin's pages, in the order of the admin home page. */
export const ADMIN_LINKS = [
  ['admin-accounts', '账号管理'],
  ['admin-audit', '审计日志'],
  ['admin-calendar', '节假日安排'],
  ['admin-rules', '办理时限规则'],
] as const;

/** Who is signed in, where they can go (an admin: the admin pages; others: cases), and logout. */
export default function StaffBar({ account, current }: Props) {
  const go = (page: string) => void Taro.redirectTo({ url: staffUrl(page) });
  const logout = async () => {
    try {
      await call(contract.staff.logout);
    } catch {
      // The session ends here either way.
    }
    clearSession();
    // reLaunch empties the page stack: Back on a shared PC must not bring the cases back.
    await Taro.reLaunch({ url: staffUrl('login') });
  };
  return (
    <View className='staff-bar'>
      <View className='staff-bar__who'>
        <Text className='staff-bar__name' data-testid='staff-name'>
          {account.displayName}
        </Text>
        <Text className='s-muted'>
          {account.regionName} · {STAFF_ROLES[account.role]}
        </Text>
      </View>
      {account.role === 'admin' ? (
        <View className='staff-bar__nav'>
          {current !== 'admin' && (
            <Text className='staff-bar__link' data-testid='nav-admin' onClick={() => go('admin')}>
              管理首页
            </Text>
          )}
          {ADMIN_LINKS.filter(([page]) => page !== current).map(([page, label]) => (
            <Text key={page} className='staff-bar__link' data-testid={`nav-${page}`} onClick={() => go(page)}>
              {label}
            </Text>
          ))}
          <Text className='staff-bar__link' data-testid='logout' onClick={() => void logout()}>
            退出
          </Text>
        </View>
      ) : !worksCases(account) ? (
        <View className='staff-bar__nav'>
          <Text className='staff-bar__link' data-testid='logout' onClick={() => void logout()}>
            退出
          </Text>
        </View>
      ) : (
        <View className='staff-bar__nav'>
          {current !== 'inbox' && (
            <Text className='staff-bar__link' data-testid='nav-inbox' onClick={() => go('inbox')}>
              待办
            </Text>
          )}
          {account.role === 'county_supervisor' && current !== 'county' && (
            <Text className='staff-bar__link' data-testid='nav-county' onClick={() => go('county')}>
              全县统计
            </Text>
          )}
          {current !== 'record' && (
            <Text className='staff-bar__link' data-testid='nav-record' onClick={() => go('record')}>
              登记来信来访
            </Text>
          )}
          <Text className='staff-bar__link' data-testid='logout' onClick={() => void logout()}>
            退出
          </Text>
        </View>
      )}
    </View>
  );
}
