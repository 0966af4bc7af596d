import { preset } from '../config/jest/preset.mjs';

export default {
  ...preset({ esm: true }),
  displayName: 'browser',
  testMatch: ['<rootDir>/browser/**/*.test.ts'],
  testTimeout: 120_000,
};
