import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

// One source, two targets: `taro build --type weapp` → dist/weapp, `--type h5` → dist/h5.
// npm nests @tarojs/plugin-framework-react in miniapp/node_modules (its optional vite peer clashes
// with the root's vite); Taro packages hoisted to the root must still find it.
const ownModules = path.resolve(__dirname, '..', 'node_modules');
const webpackChain = (chain: { resolve: { modules: { add(dir: string): unknown } } }) => {
  chain.resolve.modules.add('node_modules');
  chain.resolve.modules.add(ownModules);
};

// Page chunks load on demand; without this each one carried its own copy of Taro's components
// and the shared contract (~220 KB apiece). Shared modules now come once, in common chunks.
type SplitChunksChain = { optimization: { splitChunks(options: object): unknown } } & Parameters<typeof webpackChain>[0];
const h5WebpackChain = (chain: SplitChunksChain) => {
  webpackChain(chain);
  chain.optimization.splitChunks({
    chunks: 'all',
    minSize: 20_000,
    cacheGroups: {
      vendors: { test: /[\\/]node_modules[\\/]/, name: 'vendors', priority: -10, reuseExistingChunk: true },
      common: { minChunks: 2, name: 'common', priority: -20, reuseExistingChunk: true },
    },
  });
};

export default defineConfig<'webpack5'>((merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'mashang-jiandu',
    date: '2026-11-27',
    // Write sizes in CSS pixels of a 375px-wide phone; Taro turns them into rpx / rem.
    designWidth: 375,
    deviceRatio: { 375: 2, 640: 2.34 / 2, 750: 1, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV ?? 'weapp'}`,
    plugins: [],
    defineConstants: {},
    alias: {
      // The shared workspace package is ESM compiled by tsc; resolve it from its built output.
      '@mashang/shared': path.resolve(__dirname, '..', '..', 'shared', 'dist', 'index.js'),
    },
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      webpackChain,
      postcss: {
        // rem, not rpx: sizes follow the root font size, which PageFont's page-meta sets from the phone's
        // font setting (and enlarges for 长辈模式). Staff styles use Px, which stays as written.
        pxtransform: { enable: true, config: { targetUnit: 'rem', baseFontSize: 16 } },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      webpackChain: h5WebpackChain,
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
