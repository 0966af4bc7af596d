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
  current:
    | 'inbox'
    | 'alerts'
    | 'county'
    | 'record'
    | 'case'
    | 'admin'
    | 'admin-accounts'
    | 'admin-audit'
    | 'admin-calendar'
    | 'admin-rules'
    | 'village-staff'
    | 'disclosures'
    | 'disclosure'
    | 'disclosure-edit'
    | 'power-templates'
    | 'power-template'
    | 'power-list'
    | 'power-item-edit'
    | 'red-flags'
    | 'red-flag-lists'
    | 'posters';
}

/** The admin's pages, in the order of the admin home page. */
export const ADMIN_LINKS = [
  ['admin-accounts', '账号管理'],
  ['admin-audit', '审计日志'],
  ['admin-calendar', '节假日安排'],
  ['admin-rules', '办理时限规则'],
] as const;

/** The pages an account's bar links to, in order: an admin's pages; village staff's own; or those of case handlers. */
function linksFor(account: StaffAccount): ReadonlyArray<readonly [Props['current'], string]> {
  if (account.role === 'admin') return [['admin', '管理首页'], ...ADMIN_LINKS];
  if (!worksCases(account)) {
    return [
      ['village-staff', '本村首页'],
      ['disclosures', '三务公开'],
      ['power-list', '权力清单'],
    ];
  }
  const county = account.role === 'county_supervisor';
  return [
    ['inbox', '待办'],
    ...(county ? ([['county', '全县统计']] as const) : []),
    ['record', '登记来信来访'],
    ['disclosures', '三务公开'],
    ['power-list', '各村权力清单'],
    ['red-flags', '大数据比对'],
    ['red-flag-lists', county ? '补贴标准' : '比对名单'],
    ...(county ? ([['power-templates', '权力清单模板']] as const) : []),
    ['posters', '二维码海报'],
  ];
}

/** Who is signed in, where they can go (an admin: the admin pages; village staff: their page and 三务公开; others: cases and 三务公开), and logout. */
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
      <View className='staff-bar__nav'>
        {linksFor(account)
          .filter(([page]) => page !== current)
          .map(([page, label]) => (
            <Text key={page} className='staff-bar__link' data-testid={`nav-${page}`} onClick={() => go(page)}>
              {label}
            </Text>
          ))}
        <Text className='staff-bar__link' data-testid='logout' onClick={() => void logout()}>
          退出
        </Text>
      </View>
    </View>
  );
}
