import { ROLE_REGION_DIGITS, STAFF_ROLES, type StaffRole } from '@mashang/shared';
import { DataSource } from 'typeorm';
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

/** An enabled staff account of a role in a region of the level that role works at, signing in with `TEST_PASSWORD`. */
export async function staffAccount(
  t: TestApp,
  role: StaffRole,
  region: Region,
  fields: { username?: string; displayName?: string } = {},
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
  const saved = await t.app
    .get(DataSource)
    .getRepository(StaffAccountEntity)
    .save({ ...account, passwordHash: await passwordHash, disabled: 0, failedLogins: 0, lockedUntil: null, createdAt: t.clock.now() });
  return { ...account, id: saved.id, password: TEST_PASSWORD };
}
