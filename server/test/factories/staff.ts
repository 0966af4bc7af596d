import { ROLE_REGION_DIGITS, STAFF_ROLES, type StaffRole, TWO_FACTOR_ROLES } from '@mashang/shared';
import { generateSecret } from 'otplib';
import { DataSource } from 'typeorm';
import { DataProtection } from '../../src/common/data-protection.js';
import { StaffAccountEntity } from '../../src/modules/staff/staff-account.entity.js';
import { hashPassword } from '../../src/modules/staff/passwords.js';
import type { Credentials, TestApp } from '../support/test-app.js';
import type { Region } from './regions.js';

/** The password of every account a factory makes. */
export const TEST_PASSWORD = 'factory-password-2026';

export interface StaffFixture extends Credentials {
  id: number;
  displayName: string;
  role: StaffRole;
  regionCode: string;
}

let sequence = 0;
/** Hashed once per test file, the way the server hashes passwords. */
let passwordHash: Promise<string> | undefined;

const DAY_MS = 24 * 3_600_000;

/**
 * An enabled staff account of a role in a region of the level that role works at, signing in with
 * `TEST_PASSWORD`. A role that must use two-factor sign-in comes enrolled (its `totpSecret` lets the
 * test app answer the second step) unless `twoFactor: false`; `mustChangePassword` gives it a
 * temporary password; it was created a month ago unless `createdAt` says otherwise.
 */
export async function staffAccount(
  t: TestApp,
  role: StaffRole,
  region: Region,
  fields: { username?: string; displayName?: string; twoFactor?: boolean; mustChangePassword?: boolean; createdAt?: Date } = {},
): Promise<StaffFixture> {
  if (!ROLE_REGION_DIGITS[role].includes(region.code.length)) throw new Error(`a ${role} does not work at a region like ${region.code}`);
  sequence++;
  const account = {
    username: fields.username ?? `${role.replace(/_/g, '-')}-${sequence}`,
    displayName: fields.displayName ?? `${STAFF_ROLES[role]}${sequence}`,
    role,
    regionCode: region.code,
  };
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const totpSecret = (fields.twoFactor ?? TWO_FACTOR_ROLES.includes(role)) ? generateSecret() : undefined;
  const now = t.clock.now();
  const saved = await t.app
    .get(DataSource)
    .getRepository(StaffAccountEntity)
    .save({
      ...account,
      passwordHash: await passwordHash,
      disabled: 0,
      createdAt: fields.createdAt ?? new Date(now.getTime() - 30 * DAY_MS),
      mustChangePassword: fields.mustChangePassword ? 1 : 0,
      totpSecret: totpSecret ? t.app.get(DataProtection).encrypt(totpSecret) : null,
      totpEnabledAt: totpSecret ? now : null,
    });
  return { ...account, id: saved.id, password: TEST_PASSWORD, ...(totpSecret ? { totpSecret } : {}) };
}
