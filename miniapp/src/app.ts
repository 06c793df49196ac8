import type { PropsWithChildren } from 'react'
import Taro, { useDidShow, useLaunch, usePageNotFound } from '@tarojs/taro'
import { session } from './store/session'
import { onTokenChange } from './services/token'
import { refreshUnreadBadge } from './utils/tab-badge'
// 长辈版 and WeChat's font size apply from the first page on (store/care.ts marks the H5 document at load).
import './store/care'
import { patchH5Accessibility } from './utils/h5-a11y'

import './app.scss'

patchH5Accessibility()
// Signing in or out redraws the 我的 badge.
onTokenChange(() => void refreshUnreadBadge())

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Revalidate the cached user (a stale token is cleared by the 401 handling).
    void session.refresh()
  })

  // The 我的 tab's unread badge, each time the app comes to the front.
  useDidShow(() => void refreshUnreadBadge())

  // A mistyped or outdated link: a page that says so and leads home, instead of a blank screen.
  usePageNotFound((res) => {
    const url = `/packages/misc/pages/not-found/index?path=${encodeURIComponent(res.path)}`
    if (res.isEntryPage) void Taro.reLaunch({ url })
    else void Taro.redirectTo({ url })
  })

  // children 是将要会渲染的页面
  return children
}

export default App
