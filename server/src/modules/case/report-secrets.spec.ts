import { describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../config/app-config.js';
import { DataProtection } from '../../common/data-protection.js';
import { ReportSecrets } from './report-secrets.js';

const secretsWith = (hashSecret: string, dataKeyByte = 1) =>
  new ReportSecrets(
    new DataProtection(
      loadConfig({ NODE_ENV: 'test', HASH_SECRET: hashSecret, DATA_ENCRYPTION_KEY: Buffer.alloc(32, dataKeyByte).toString('base64') }),
    ),
  );

describe('ReportSecrets', () => {
  const secrets = secretsWith('a'.repeat(40));

  it('derives a 25-digit query code that is stable per idempotency key and differs between keys', () => {
    const code = secrets.queryCodeFor('key-0000000000000001');
    expect(code).toMatch(/^\d{25}$/);
    expect(secrets.queryCodeFor('key-0000000000000001')).toBe(code);
    expect(secrets.queryCodeFor('key-0000000000000002')).not.toBe(code);
  });

  it('cannot be derived without the server secret', () => {
    expect(secretsWith('b'.repeat(40)).queryCodeFor('key-0000000000000001')).not.toBe(secrets.queryCodeFor('key-0000000000000001'));
  });

  it('spreads query codes over the whole range', () => {
    const leading = new Set(Array.from({ length: 200 }, (_, i) => secrets.queryCodeFor(`key-${i}-xxxxxxxxxxxx`)[0]));
    expect(leading.size).toBe(10);
  });

  it('makes report numbers without ambiguous characters', () => {
    for (let i = 0; i < 50; i++) expect(secrets.newReportNo()).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
  });

  it('keys the retry fingerprint, which covers the reporter name and phone, with the data key and not the hash secret', () => {
    const content = { mode: 'real_name', reporter: { name: '张秀英', phone: '13912345678' } };
    const fingerprint = secrets.fingerprint(content);
    // Whoever holds the database and the hash secret, but not the data key, cannot test phone guesses against it.
    expect(secretsWith('b'.repeat(40)).fingerprint(content)).toBe(fingerprint);
    expect(secretsWith('a'.repeat(40), 2).fingerprint(content)).not.toBe(fingerprint);
    expect(secrets.fingerprint({ ...content, reporter: { name: '张秀英', phone: '13912345679' } })).not.toBe(fingerprint);
  });
});
