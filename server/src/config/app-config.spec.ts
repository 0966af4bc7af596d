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
});
