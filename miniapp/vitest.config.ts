import path from 'node:path';
import { defineConfig } from 'vitest/config';

const here = (p: string) => path.resolve(__dirname, p);

export default defineConfig({
  resolve: {
    alias: {
      '@tarojs/taro': here('test/mocks/taro.ts'),
      '@tarojs/components': here('test/mocks/components.tsx'),
      '@mashang/shared': here('../shared/src/index.ts'),
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    setupFiles: [here('test/setup.ts')],
    env: { TARO_ENV: 'weapp', TARO_APP_API_BASE: 'https://api.example.test' },
    css: false,
  },
});
