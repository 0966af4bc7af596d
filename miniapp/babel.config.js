// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// Syntax is compiled down to package.json's browserslist; no core-js is added (`useBuiltIns: false`): every
// browser it names (and WeChat's own) has what the code uses, and the polyfills cost a villager's first load.
module.exports = {
  presets: [
    [
      'taro',
      {
        framework: 'react',
        ts: true,
        compiler: 'webpack5',
        useBuiltIns: false,
      },
    ],
  ],
};
