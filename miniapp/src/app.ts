import type { PropsWithChildren } from 'react'
import { useLaunch } from '@tarojs/taro'
import { session } from './store/session'

import './app.scss'

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    // Revalidate the cached user (a stale token is cleared by the 401 handling).
    void session.refresh()
  })

  // children 是将要会渲染的页面
  return children
}

export default App
