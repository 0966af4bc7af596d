import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';
import { PASSWORD_MIN_LENGTH } from '@mashang/shared';

/** argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A real argon2id hash of a random string, verified against for unknown users so they take as long. */
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$9TcBj9+Ds05PM1jVq1jDdg$4T/XuDVraX/dF0MFTQFZPM1WNetcl+NRTBLvFysAb4E';

/** Password hashing as a service, so tests can count how many passwords were checked. */
@Injectable()
export class PasswordHasher {
  hash(password: string): Promise<string> {
    return hashPassword(password);
  }

  /** Checks against the hash, or against a dummy hash when there is no account: the same work either way. */
  verify(passwordHash: string | null, password: string): Promise<boolean> {
    return passwordHash ? verifyPassword(passwordHash, password) : verifyPassword(DUMMY_HASH, password).then(() => false);
  }
}

export const COMMON_PASSWORDS_FILE = new URL('../../../../config/common-passwords.txt', import.meta.url).pathname;

let commonPasswords: Set<string> | undefined;
function isCommon(password: string): boolean {
  commonPasswords ??= new Set(
    readFileSync(COMMON_PASSWORDS_FILE, 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#')),
  );
  const lower = password.toLowerCase();
  // A common password with punctuation added at the end is still the common password.
  return commonPasswords.has(lower) || commonPasswords.has(lower.replace(/[^a-z0-9]+$/, ''));
}

/**
 * What is wrong with a new password, in words for the person choosing it, or null when the policy
 * accepts it: at least 12 characters, not the username nor containing it, not a common password.
 */
export function passwordProblem(password: string, username: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `密码至少${PASSWORD_MIN_LENGTH}个字符`;
  const lower = password.toLowerCase();
  const name = username.toLowerCase();
  if (lower.includes(name)) return '密码不能包含用户名';
  if (isCommon(password)) return '这个密码太常见，很容易被猜到，请换一个';
  if (new Set(lower).size < 4) return '密码里的字符太单一，请混用不同的字母和数字';
  return null;
}

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'; // nothing to confuse when read out: no i, l, o, 0, 1

/** A temporary password an admin reads out or writes down: 14 characters (about 69 bits) the policy accepts. */
export function temporaryPassword(username: string): string {
  for (;;) {
    const password = Array.from({ length: 14 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    if (!passwordProblem(password, username)) return password;
  }
}
