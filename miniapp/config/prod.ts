import type { UserConfigExport } from '@tarojs/cli';

export default {
  mini: {},
  h5: {
    // Older phones on weak networks: keep the H5 bundle lean, no source maps shipped.
    enableSourceMap: false,
  },
} satisfies UserConfigExport<'webpack5'>;
