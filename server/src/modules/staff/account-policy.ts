import { Inject, Injectable } from '@nestjs/common';
import { type ErrorCode, TWO_FACTOR_ROLES } from '@mashang/shared';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { DEMO_ACCOUNTS } from '../../demo/demo-accounts.js';
import type { StaffAccountEntity } from './staff-account.entity.js';

const DEMO_USERNAMES = new Set(DEMO_ACCOUNTS.map((a) => a.username));

/**
 * What an account must do before its session opens every route it has a role for: change a
 * temporary password, then enrol in two-factor sign-in if its role can reveal a reporter or
 * manage accounts. The demo accounts (published passwords, a demo database) are exempt from
 * enrolling, and only while DEMO_DATA is on outside production, so a newcomer can try every page.
 */
@Injectable()
export class AccountPolicy {
  private readonly demoExempt: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.demoExempt = config.demoData && config.env !== 'production';
  }

  twoFactorRequired(account: StaffAccountEntity): boolean {
    if (!TWO_FACTOR_ROLES.includes(account.role)) return false;
    return !(this.demoExempt && DEMO_USERNAMES.has(account.username));
  }

  /** The one step the account owes, or null when its session is unrestricted. */
  pendingStep(account: StaffAccountEntity): Extract<ErrorCode, 'PASSWORD_CHANGE_REQUIRED' | 'TWO_FACTOR_SETUP_REQUIRED'> | null {
    if (account.mustChangePassword) return 'PASSWORD_CHANGE_REQUIRED';
    if (!account.totpSecret && this.twoFactorRequired(account)) return 'TWO_FACTOR_SETUP_REQUIRED';
    return null;
  }
}
