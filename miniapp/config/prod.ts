import type { UserConfigExport } from '@tarojs/cli'

// Production: Taro minifies JS (terser) and CSS (csso) when NODE_ENV=production; keep source maps out of the package.
export default {
  mini: {
    enableSourceMap: false
  },
  h5: {
    enableSourceMap: false
  }
} satisfies UserConfigExport<'webpack5'>
