import { preset } from '../config/jest/preset.mjs';

/**
 * Packages published only as ES modules but `require`d by CommonJS ones (fastify's helpers). Node 20
 * allows that; Jest's module loader does not, so these are compiled to CommonJS when required.
 */
const ESM_ONLY_REQUIRED = ['content-disposition', 'cookie'];

export default {
  ...preset({ esm: true }),
  displayName: 'server',
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
  testTimeout: 30_000,
  // Jest's default is one worker on a two-core machine; the database files wait on I/O most of the time.
  maxWorkers: 4,
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_ONLY_REQUIRED.join('|')})/)`],
};
