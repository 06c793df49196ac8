import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'

/**
 * Workspace contracts. The mini-program `import type`s from '@nuancheng/shared' (its index pulls in zod) and imports
 * values only from '@nuancheng/shared/constants' (zod-free; test/type-only-shared.spec.ts holds both rules).
 */
const SHARED_SRC = path.resolve(__dirname, '../../shared/src')
const SHARED_CONSTANTS = path.join(SHARED_SRC, 'constants/index.ts')

const TARO_ENV = process.env.TARO_ENV ?? 'weapp'
/**
 * API origin. H5 is served by the API server itself, so '' (same origin) is the default there.
 * A mini-program needs an absolute https origin registered as a request domain in the WeChat console.
 */
const API_BASE_URL = process.env.TARO_APP_API_BASE ?? (TARO_ENV === 'h5' ? '' : 'https://api.example.gov.cn')
/** Dev personas (dev:resident …) are offered unless this build targets the live WeChat login. */
const DEV_PERSONAS = process.env.TARO_APP_WECHAT_MODE !== 'live'
/** CSS modules are off on both targets (plain global class names); the naming is what they would use if enabled. */
const CSS_MODULES = {
  enable: false,
  config: {
    namingPattern: 'module' as const,
    generateScopedName: '[name]__[local]___[hash:base64:5]'
  }
}

// https://taro-docs.jd.com/docs/next/config#defineconfig-辅助函数
export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'nuancheng-miniapp',
    date: '2026-11-27',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2
    },
    sourceRoot: 'src',
    outputRoot: `dist/${TARO_ENV}`,
    plugins: [],
    defineConstants: {
      API_BASE_URL: JSON.stringify(API_BASE_URL),
      DEV_PERSONAS: JSON.stringify(DEV_PERSONAS)
    },
    // Most specific first: webpack takes the first alias that matches the start of the request.
    alias: {
      '@nuancheng/shared/constants': SHARED_CONSTANTS,
      '@nuancheng/shared': SHARED_SRC
    },
    copy: {
      patterns: [],
      options: {}
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: {
      enable: false
    },
    mini: {
      optimizeMainPackage: { enable: true },
      compile: { include: [SHARED_SRC] },
      minifyXML: { collapseWhitespace: true },
      postcss: {
        pxtransform: {
          enable: true,
          config: {}
        },
        cssModules: CSS_MODULES
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      }
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [SHARED_SRC] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js'
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css'
      },
      postcss: {
        autoprefixer: {
          enable: true,
          config: {}
        },
        cssModules: CSS_MODULES
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // Taro's H5 runtime + React alone is ~360 KB: warn only well above that.
        chain.performance.maxEntrypointSize(600 * 1024).maxAssetSize(400 * 1024)
      }
    }
  }

  if (process.env.NODE_ENV === 'development') {
    // 本地开发构建配置（不混淆压缩）
    return merge({}, baseConfig, devConfig)
  }
  // 生产构建配置（压缩混淆）
  return merge({}, baseConfig, prodConfig)
})
