import { preset } from '../../config/jest/preset.mjs';

// `node test/run-all.mjs instances` (and `npm run test:instances`): two built server instances on one
// MySQL database behind a round-robin proxy. Needs the built shared and server packages.
export default {
  ...preset({ esm: true }),
  displayName: 'instances',
  rootDir: '.',
  testMatch: ['<rootDir>/**/*.test.ts'],
  testTimeout: 120_000,
};
