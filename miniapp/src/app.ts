import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
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

  // children 是将要会渲染的页面
  return children
}

export default App
