import { useRef } from 'react'
import { useDidHide, useDidShow } from '@tarojs/taro'

/** Calls `refresh` when the page is shown again after being hidden (back from a detail page or a form). */
export function useReshow(refresh: () => void): void {
  const hidden = useRef(false)
  const refreshRef = useRef(refresh)
  refreshRef.current = refresh
  useDidHide(() => {
    hidden.current = true
  })
  useDidShow(() => {
    if (!hidden.current) return
    hidden.current = false
    refreshRef.current()
  })
}
