import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../config/app-config.js';
import { DataProtection } from './data-protection.js';

const protection = new DataProtection(
  loadConfig({ NODE_ENV: 'test', HASH_SECRET: 'a'.repeat(40), DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64') }),
);

describe('DataProtection', () => {
  it('encrypts with a fresh nonce and decrypts back; tampering is detected', () => {
    const a = protection.encrypt('13912345678');
    const b = protection.encrypt('13912345678');
    expect(a).not.toBe(b);
    expect(a).not.toContain('13912345678');
    expect(protection.decrypt(a)).toBe('13912345678');
    const parts = a.split('.');
    parts[3] = Buffer.from('13900000000').toString('base64url');
    expect(() => protection.decrypt(parts.join('.'))).toThrow();
  });

  it('hashes a value differently for each purpose', () => {
    expect(protection.keyedHash('id-number', '341821199003074538')).toEqual(protection.keyedHash('id-number', '341821199003074538'));
    expect(protection.keyedHash('id-number', '341821199003074538')).not.toEqual(protection.keyedHash('query-code', '341821199003074538'));
  });
});
