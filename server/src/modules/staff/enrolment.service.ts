import { Injectable } from '@nestjs/common';
import type { RecoveryCodes, TwoFactorSetup } from '@mashang/shared';
import { DomainError } from '../../common/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { AccountView } from './account-view.js';
import { CODE_PAIR_LIMIT } from './auth.service.js';
import { LoginThrottle } from './login-throttle.js';
import type { StaffAccountEntity } from './staff-account.entity.js';
import { StaffRepository } from './staff.repository.js';
import { TwoFactor } from './two-factor.js';

/** Enrolment in two-factor sign-in: a secret shown as a QR code, enabled once a code from it is confirmed. */
@Injectable()
export class EnrolmentService {
  constructor(
    private readonly twoFactor: TwoFactor,
    private readonly throttle: LoginThrottle,
    private readonly staff: StaffRepository,
    private readonly views: AccountView,
    private readonly audit: AuditService,
  ) {}

  async begin(account: StaffAccountEntity): Promise<TwoFactorSetup> {
    if (account.mustChangePassword) throw new DomainError('PASSWORD_CHANGE_REQUIRED');
    if (account.totpSecret) throw new DomainError('TWO_FACTOR_ALREADY_ENABLED');
    return this.twoFactor.begin(account);
  }

  async confirm(account: StaffAccountEntity, code: string, client: string): Promise<RecoveryCodes> {
    if (account.mustChangePassword) throw new DomainError('PASSWORD_CHANGE_REQUIRED');
    if (account.totpSecret) throw new DomainError('TWO_FACTOR_ALREADY_ENABLED');
    if (!account.totpPendingSecret) throw new DomainError('TWO_FACTOR_SETUP_NOT_STARTED');
    const key = this.throttle.key(`enrol:${account.id}`, client);
    if (!(await this.throttle.take(key, CODE_PAIR_LIMIT))) throw new DomainError('LOGIN_THROTTLED');
    const recoveryCodes = await this.twoFactor.confirm(account, code);
    if (!recoveryCodes) throw new DomainError('TWO_FACTOR_CODE_INVALID');
    await this.throttle.succeeded(key, CODE_PAIR_LIMIT);
    await this.audit.record({ actorId: account.id, action: 'two_factor_enabled', targetAccountId: account.id });
    return { recoveryCodes, account: await this.views.of((await this.staff.findById(account.id))!) };
  }
}
