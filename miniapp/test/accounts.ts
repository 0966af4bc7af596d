import type { StaffAccount } from '@mashang/shared';

/** The county admin the admin pages' tests sign in as. */
export const COUNTY_ADMIN = {
  id: 1,
  username: 'admin',
  displayName: '王管理',
  role: 'admin',
  regionCode: '341821',
  regionName: '青溪县',
  disabled: false,
  mustChangePassword: false,
  twoFactorEnabled: false,
  twoFactorRequired: false,
} as const satisfies StaffAccount;

/** The township handler the case, inbox and alerts pages' tests sign in as. */
export const TOWNSHIP_HANDLER = {
  id: 2,
  username: 'taoyuan',
  displayName: '李纪委',
  role: 'township_handler',
  regionCode: '341821102',
  regionName: '桃源镇',
  disabled: false,
  mustChangePassword: false,
  twoFactorEnabled: false,
  twoFactorRequired: false,
} as const satisfies StaffAccount;
