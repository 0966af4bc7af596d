import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { LoginResult, StaffAccount, StaffSession } from '@mashang/shared';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { AccountView } from './account-view.js';
import { LoginThrottle, type ThrottleLimit } from './login-throttle.js';
import { PasswordHasher, passwordProblem } from './passwords.js';
import type { StaffAccountEntity } from './staff-account.entity.js';
import { StaffRepository } from './staff.repository.js';
import { TwoFactor } from './two-factor.js';

const SESSION_HOURS = 12;
const CHALLENGE_MINUTES = 5;
/** Password guesses per (username, client address): then that pair waits 15 minutes. */
export const PASSWORD_LIMIT: ThrottleLimit = { attempts: 5, windowMs: 15 * 60_000 };
/** Codes per (account, client address), and per account from anywhere (only reachable with the password). */
export const CODE_PAIR_LIMIT: ThrottleLimit = { attempts: 5, windowMs: 15 * 60_000 };
export const CODE_ACCOUNT_LIMIT: ThrottleLimit = { attempts: 10, windowMs: 60 * 60_000 };
/** Codes tried against one challenge before it ends. */
const CHALLENGE_ATTEMPTS = 5;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

@Injectable()
export class AuthService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly views: AccountView,
    private readonly throttle: LoginThrottle,
    private readonly passwords: PasswordHasher,
    private readonly twoFactor: TwoFactor,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * First step of sign-in. The attempt is counted before the password is checked, per (username,
   * client address), so guessing from one address slows down without locking the owner out from
   * another; a name that does not exist is counted, checked (against a dummy hash) and answered alike.
   */
  async login(username: string, password: string, client: string): Promise<LoginResult> {
    const name = username.toLowerCase();
    const key = this.throttle.key(`password:${name}`, client);
    if (!(await this.throttle.take(key, PASSWORD_LIMIT))) throw new DomainError('LOGIN_THROTTLED');
    const found = await this.staff.findByUsername(name);
    const account = found && !found.disabled ? found : null;
    const valid = await this.passwords.verify(account?.passwordHash ?? null, password);
    if (!valid || !account) throw new DomainError('LOGIN_FAILED');
    await this.throttle.succeeded(key, PASSWORD_LIMIT);
    if (!account.totpSecret) return this.openSession(account);
    const challenge = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + CHALLENGE_MINUTES * 60_000);
    await this.staff.createSession({
      tokenHash: hashToken(challenge),
      accountId: account.id,
      createdAt: now,
      expiresAt,
      revokedAt: null,
      stage: 'two_factor',
      attempts: 0,
    });
    return { twoFactorChallenge: challenge, expiresAt: expiresAt.toISOString() };
  }

  /** Second step: a code for the challenge, limited per challenge, per (account, address) and per account. */
  async loginTwoFactor(challenge: string, code: string, client: string): Promise<StaffSession> {
    const now = this.clock.now();
    const pending = await this.staff.findChallenge(hashToken(challenge), now);
    if (!pending || !(await this.staff.takeChallengeAttempt(pending.id, CHALLENGE_ATTEMPTS))) {
      throw new DomainError('TWO_FACTOR_CHALLENGE_EXPIRED');
    }
    const pairKey = this.throttle.key(`code:${pending.accountId}`, client);
    const accountKey = this.throttle.key(`code:${pending.accountId}`, '*');
    if (!(await this.throttle.take(pairKey, CODE_PAIR_LIMIT)) || !(await this.throttle.take(accountKey, CODE_ACCOUNT_LIMIT))) {
      throw new DomainError('LOGIN_THROTTLED');
    }
    const account = await this.staff.findById(pending.accountId);
    if (!account || account.disabled) throw new DomainError('TWO_FACTOR_CHALLENGE_EXPIRED');
    if (!(await this.twoFactor.check(account, code))) throw new DomainError('TWO_FACTOR_CODE_INVALID');
    await this.throttle.succeeded(pairKey, CODE_PAIR_LIMIT);
    await this.throttle.succeeded(accountKey, CODE_ACCOUNT_LIMIT);
    // One session per challenge, even for two right codes at once.
    if (!(await this.staff.consumeChallenge(pending.id, now))) throw new DomainError('TWO_FACTOR_CHALLENGE_EXPIRED');
    return this.openSession(account);
  }

  /** Changes one's own password under the policy; the other sessions of the account end. */
  async changePassword(
    account: StaffAccountEntity,
    token: string,
    change: { currentPassword: string; newPassword: string },
    client: string,
  ): Promise<StaffAccount> {
    const key = this.throttle.key(`password:${account.username}`, client);
    if (!(await this.throttle.take(key, PASSWORD_LIMIT))) throw new DomainError('LOGIN_THROTTLED');
    if (!(await this.passwords.verify(account.passwordHash, change.currentPassword))) throw new DomainError('PASSWORD_INCORRECT');
    await this.throttle.succeeded(key, PASSWORD_LIMIT);
    const problem =
      change.newPassword === change.currentPassword ? '新密码不能与当前密码相同' : passwordProblem(change.newPassword, account.username);
    if (problem) throw new DomainError('PASSWORD_TOO_WEAK', [{ field: 'body.newPassword', message: problem }]);
    await this.staff.update(account.id, { passwordHash: await this.passwords.hash(change.newPassword), mustChangePassword: 0 });
    await this.staff.revokeOtherSessions(account.id, hashToken(token), this.clock.now());
    await this.audit.record({ actorId: account.id, action: 'password_changed', targetAccountId: account.id });
    return this.views.of((await this.staff.findById(account.id))!);
  }

  async logout(token: string): Promise<void> {
    await this.staff.revokeSession(hashToken(token), this.clock.now());
  }

  /** The account behind a bearer token, or null when the session is unknown, expired, revoked or still owes its code. */
  async authenticate(token: string): Promise<StaffAccountEntity | null> {
    const session = await this.staff.findActiveSession(hashToken(token), this.clock.now());
    if (!session) return null;
    const account = await this.staff.findById(session.accountId);
    return account && !account.disabled ? account : null;
  }

  private async openSession(account: StaffAccountEntity): Promise<StaffSession> {
    const now = this.clock.now();
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
    await this.staff.createSession({
      tokenHash: hashToken(token),
      accountId: account.id,
      createdAt: now,
      expiresAt,
      revokedAt: null,
      stage: 'active',
      attempts: 0,
    });
    return { token, expiresAt: expiresAt.toISOString(), account: await this.views.of(account) };
  }
}
