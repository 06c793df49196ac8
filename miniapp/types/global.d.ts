/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.less'
declare module '*.scss'
declare module '*.sass'
declare module '*.styl'

/** API origin ('' = same origin, the H5 default). Set with TARO_APP_API_BASE at build time. */
declare const API_BASE_URL: string
/** Offer dev personas (dev:resident …); false when built with TARO_APP_WECHAT_MODE=live. */
declare const DEV_PERSONAS: boolean

declare namespace NodeJS {
  interface ProcessEnv {
    /** NODE 内置环境变量, 会影响到最终构建生成产物 */
    NODE_ENV: 'development' | 'production'
    /** 当前构建的平台 */
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn'
    /** 当前构建的小程序 appid */
    TARO_APP_ID: string
    /** API origin for the build, e.g. https://api.example.gov.cn (weapp); empty for same-origin H5. */
    TARO_APP_API_BASE?: string
    /** 'live' uses real WeChat login only; anything else also offers dev personas. */
    TARO_APP_WECHAT_MODE?: string
  }
}
