import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('defaults to SQLite on port 3000 with a local public URL', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ type: 'sqlite', file: './data/mashang.db' });
    expect(config.publicBaseUrl).toBe('http://localhost:3000');
    expect(config.dataEncryptionKey.length).toBe(32);
  });

  it('reads a MySQL URL', () => {
    expect(loadConfig({ DATABASE_URL: 'mysql://root@127.0.0.1:3306/mashang' }).database).toEqual({
      type: 'mysql',
      url: 'mysql://root@127.0.0.1:3306/mashang',
    });
  });

  it('stops on bad values, naming each', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'postgres://x' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATA_ENCRYPTION_KEY: 'short' })).toThrow(/DATA_ENCRYPTION_KEY/);
  });

  it('stops on a deadline rules file that is missing or wrong', () => {
    expect(() => loadConfig({ DEADLINE_RULES_FILE: '/nonexistent/rules.json' })).toThrow(ConfigError);
    expect(loadConfig({}).deadlineRules.regimes.accusation.deadlines.acceptance?.days).toBe(15);
  });

  it('requires real secrets and a public URL in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/HASH_SECRET[\s\S]*DATA_ENCRYPTION_KEY[\s\S]*PUBLIC_BASE_URL/);
  });

  const production = {
    NODE_ENV: 'production',
    HASH_SECRET: 'a-production-secret-of-at-least-32-chars',
    DATA_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64'),
    PUBLIC_BASE_URL: 'https://mashang.example.cn',
  };

  it('refuses demo data in production, and documents the API there only when asked', () => {
    expect(() => loadConfig({ ...production, DEMO_DATA: 'true' })).toThrow(/DEMO_DATA: must not be true in production/);
    expect(loadConfig(production).apiDocs).toBe(false);
    expect(loadConfig({ ...production, API_DOCS: 'true' }).apiDocs).toBe(true);
    expect(loadConfig({}).apiDocs).toBe(true);
  });

  it('trusts X-Forwarded-For only from a hop count or named proxies, never from anyone', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1,loopback' }).trustProxy).toEqual([
      '10.0.0.5',
      '10.1.0.0/16',
      '::1',
      'loopback',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: must be a hop count .* not "true"/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/not a proxy address or CIDR: 10.0.0.0\/33/);
    expect(() => loadConfig({ TRUST_PROXY: '*' })).toThrow(/TRUST_PROXY/);
    expect(() => loadConfig({ TRUST_PROXY: '99' })).toThrow(/hop count/);
  });
});
