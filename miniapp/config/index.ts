import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { PrecompressPlugin } from './precompress';
import { StatsFilePlugin } from './stats';
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

// Page chunks load on demand. The entry's own node_modules (React, Taro's runtime and router) form
// `vendors`, the one big file every first visit downloads; what only some pages use (zod behind the
// contract, dagre for the process chart, the staff pages' libraries) goes into chunks those pages
// load, shared between them once rather than copied into each (~220 KB apiece before).
interface LoaderMeta {
  extraImportForWeb: string;
  execBeforeCreateWebApp: string;
}
type H5Chain = {
  // webpack takes `false` for a module never to load; webpack-chain's types say string only.
  resolve: { alias: { set(name: string, value: string | false): unknown } };
  // webpack-chain has `sideEffects` on a rule, its types do not: set it by name.
  module: { rule(name: string): { test(test: string | RegExp): { set(key: 'sideEffects', value: boolean): unknown } } };
  optimization: { splitChunks(options: object): unknown };
  plugin(name: string): {
    use(plugin: unknown, args?: unknown[]): unknown;
    tap(update: (args: unknown[]) => unknown[]): unknown;
  };
} & Parameters<typeof webpackChain>[0];
// Taro's H5 request imports fetch and AbortController polyfills for browsers older than browserslist names,
// and a JSONP client for its `jsonp` option, which this app never sets: none is loaded. Taro's component
// stylesheet is the weui icon font (a 6 KB data URI) and the looks of Icon, Checkbox and Radio, which no
// page uses.
const H5_NEEDLESS_MODULES = [
  'whatwg-fetch',
  'abortcontroller-polyfill/dist/abortcontroller-polyfill-only',
  'jsonp-retry',
  '@tarojs/components/dist/taro-components/taro-components.css',
];
/** View and Text as plain elements, the other components as Taro's web components (see the module). */
const H5_COMPONENTS = path.resolve(__dirname, '..', 'src', 'components', 'H5Components', 'index.ts');
/** Taro's base stylesheet, as it is, extracted into app.css (Taro's own copy is injected by a style-loader runtime). */
const H5_GLOBAL_CSS = path.resolve(__dirname, 'h5', 'global.css');

const h5WebpackChain = (chain: H5Chain) => {
  webpackChain(chain);
  for (const name of H5_NEEDLESS_MODULES) chain.resolve.alias.set(name, false);
  chain.resolve.alias.set('@tarojs/components$', H5_COMPONENTS);
  chain.resolve.alias.set('@tarojs/components/global.css$', H5_GLOBAL_CSS);
  // Only re-exports: an import of View goes straight to ./html, so the village page's chunks never
  // reach the web components.
  chain.module.rule('h5-components').test(H5_COMPONENTS).set('sideEffects', false);
  // Taro's entry registers the pull-down-refresh web component for pages with `enablePullDownRefresh`,
  // which none has; that import alone would put the web-component runtime into every first load.
  chain.plugin('mainPlugin').tap((args) => {
    const meta = (args[0] as { loaderMeta?: LoaderMeta }).loaderMeta;
    if (meta) {
      meta.extraImportForWeb = meta.extraImportForWeb.replace(/^import \{ defineCustomElementTaroPullToRefreshCore \}.*\n/m, '');
      meta.execBeforeCreateWebApp = meta.execBeforeCreateWebApp.replace(/^defineCustomElementTaroPullToRefreshCore\(\)\n/m, '');
    }
    return args;
  });
  chain.optimization.splitChunks({
    chunks: 'all',
    minSize: 20_000,
    cacheGroups: {
      vendors: { test: /[\\/]node_modules[\\/]/, chunks: 'initial', name: 'vendors', priority: -10, reuseExistingChunk: true },
      pageVendors: { test: /[\\/]node_modules[\\/]/, chunks: 'async', priority: -15, reuseExistingChunk: true },
      common: { minChunks: 2, chunks: 'async', priority: -20, reuseExistingChunk: true },
    },
  });
  chain.plugin('precompress').use(PrecompressPlugin);
  if (process.env.H5_STATS) chain.plugin('stats-file').use(StatsFilePlugin, [process.env.H5_STATS]);
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
      // The shared workspace package is ESM compiled by tsc; resolve it from its built output. The apps take
      // the schemas through `client` (zod set up for no eval); villager pages take `labels`, which has no zod.
      '@mashang/shared$': path.resolve(__dirname, '..', '..', 'shared', 'dist', 'client.js'),
      '@mashang/shared/labels': path.resolve(__dirname, '..', '..', 'shared', 'dist', 'labels.js'),
    },
    copy: {
      // H5 only: the browser tab's icon (a missing one is a 404 on every first visit).
      patterns: process.env.TARO_ENV === 'h5' ? [{ from: 'src/favicon.svg', to: 'dist/h5/favicon.svg' }] : [],
      options: {},
    },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      webpackChain,
      // Each component's styles are its own BEM block, so the order shared chunks load them in does not matter.
      miniCssExtractPluginOption: { ignoreOrder: true },
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
