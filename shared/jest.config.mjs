import { preset } from '../config/jest/preset.mjs';

export default {
  ...preset({ esm: true }),
  displayName: 'shared',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
};
