// The mini program's unit tests run in jsdom with `@tarojs/taro` and `@tarojs/components` replaced
// by stand-ins (test/mocks). The package is CommonJS for Taro's build, so the tests are too.
module.exports = (async () => {
  const { preset } = await import('../config/jest/preset.mjs');
  const base = preset({ esm: false });
  return {
    ...base,
    displayName: 'miniapp',
    testEnvironment: 'jsdom',
    testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}', '<rootDir>/test/**/*.test.{ts,tsx}'],
    moduleNameMapper: {
      ...base.moduleNameMapper,
      '^@tarojs/taro$': '<rootDir>/test/mocks/taro.ts',
      '^@tarojs/components$': '<rootDir>/test/mocks/components.tsx',
      '^@mashang/shared$': '<rootDir>/../shared/src/index.ts',
      '^@mashang/shared/labels$': '<rootDir>/../shared/src/labels.ts',
      '\\.s?css$': '<rootDir>/test/mocks/style.ts',
    },
    setupFiles: ['<rootDir>/test/env.ts'],
    setupFilesAfterEnv: ['<rootDir>/test/setup.ts'],
  };
})();
