import type { StaffRole } from '@mashang/shared';

/** For demonstration only; the README lists them. A real deployment creates its own through an admin. */
export const DEMO_PASSWORD = 'mashang-demo-2026';

/**
 * The roles that can reveal a reporter or manage accounts must enrol in two-factor sign-in; these
 * demo accounts are exempt while DEMO_DATA is on outside production (see AccountPolicy), so a
 * newcomer can try every page with the password alone. `province` keeps the holiday calendar.
 */
export const DEMO_ACCOUNTS: { username: string; displayName: string; role: StaffRole; regionCode: string }[] = [
  { username: 'province', displayName: '省纪委管理员', role: 'admin', regionCode: '34' },
  { username: 'admin', displayName: '系统管理员', role: 'admin', regionCode: '341821' },
  { username: 'county', displayName: '周县纪委', role: 'county_supervisor', regionCode: '341821' },
  { username: 'taoyuan', displayName: '李桃源', role: 'township_handler', regionCode: '341821102' },
  { username: 'shimen', displayName: '王石门', role: 'township_handler', regionCode: '341821203' },
  { username: 'dongshan-pub', displayName: '陈报账', role: 'village_publisher', regionCode: '341821102201' },
  { username: 'dongshan-sup', displayName: '赵监督', role: 'village_supervisor', regionCode: '341821102201' },
];
