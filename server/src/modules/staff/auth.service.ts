import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { StaffSession } from '@mashang/shared';
import { Clock } from '../../common/clock.js';
import { DomainError } from '../../common/domain-error.js';
import { AccountView } from './account-view.js';
import { verifyPassword } from './passwords.js';
import type { StaffAccountEntity } from './staff-account.entity.js';
import { StaffRepository } from './staff.repository.js';

const SESSION_HOURS = 12;
const MAX_FAILED_LOGINS = 5;
const LOCK_MINUTES = 15;

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

@Injectable()
export class AuthService {
  constructor(
    private readonly staff: StaffRepository,
    private readonly views: AccountView,
    private readonly clock: Clock,
  ) {}

  /** Unknown user and wrong password answer alike; an account locks after repeated failures. */
  async login(username: string, password: string): Promise<StaffSession> {
    const now = this.clock.now();
    const account = await this.staff.findByUsername(username.toLowerCase());
    if (!account || account.disabled) {
      await verifyPassword(DUMMY_HASH, password); // spend the same time as a real check
      throw new DomainError('LOGIN_FAILED');
    }
    if (account.lockedUntil && account.lockedUntil > now) throw new DomainError('ACCOUNT_LOCKED');
    if (!(await verifyPassword(account.passwordHash, password))) {
      // Counted in the database, so a burst of parallel guesses counts every guess.
      const locks = await this.staff.countFailedLogin(account.id, MAX_FAILED_LOGINS, new Date(now.getTime() + LOCK_MINUTES * 60_000));
      throw new DomainError(locks ? 'ACCOUNT_LOCKED' : 'LOGIN_FAILED');
    }
    await this.staff.update(account.id, { failedLogins: 0, lockedUntil: null });
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
    await this.staff.createSession({ tokenHash: hashToken(token), accountId: account.id, createdAt: now, expiresAt, revokedAt: null });
    return { token, expiresAt: expiresAt.toISOString(), account: await this.views.of(account) };
  }

  async logout(token: string): Promise<void> {
    await this.staff.revokeSession(hashToken(token), this.clock.now());
  }

  /** The account behind a bearer token, or null when the session is unknown, expired or revoked. */
  async authenticate(token: string): Promise<StaffAccountEntity | null> {
    const session = await this.staff.findActiveSession(hashToken(token), this.clock.now());
    if (!session) return null;
    const account = await this.staff.findById(session.accountId);
    return account && !account.disabled ? account : null;
  }
}

/** A real argon2id hash of a random string, verified against for unknown users. */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$9TcBj9+Ds05PM1jVq1jDdg$4T/XuDVraX/dF0MFTQFZPM1WNetcl+NRTBLvFysAb4E';
