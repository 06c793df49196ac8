import type { PropsWithChildren } from 'react'
import Taro, { useLaunch, usePageNotFound } from '@tarojs/taro'
import { session } from './store/session'
// 长辈版 and WeChat's font size apply from the first page on (store/care.ts marks the H5 document at load).
import './store/care'
import { patchH5Accessibility } from './utils/h5-a11y'

import './app.scss'

patchH5Accessibility()

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Revalidate the cached user (a stale token is cleared by the 401 handling).
    void session.refresh()
  })

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
