import { useState } from 'react'
import Taro from '@tarojs/taro'
import { backOrHome } from '../utils/navigation'

/** What a form does once its request has succeeded. */
export interface Sent<T> {
  /** The toast, with the ✓ icon unless `icon` is 'none' (the ✓ toast shows only 7 characters on weapp). */
  toast: string
  icon?: 'success' | 'none'
  /** Where to go next; by default back (or 首页) once the toast has been seen. */
  then?: (result: T) => void
}

/**
 * A form's submit button: `busy` while `submit` runs `request`; on success the toast and `then`. A failure has
 * been toasted by request() already (the server's message), so the form stays as it is for the user to fix.
 */
export function useSubmit() {
  const [busy, setBusy] = useState(false)
  const submit = async <T>(request: () => Promise<T>, sent: Sent<T>) => {
    setBusy(true)
    try {
      const result = await request()
      Taro.showToast({ title: sent.toast, icon: sent.icon ?? 'success' })
      if (sent.then) sent.then(result)
      else setTimeout(backOrHome, 800)
    } catch {
      // request() has shown the server's message.
    } finally {
      setBusy(false)
    }
  }
  return { busy, submit }
}
