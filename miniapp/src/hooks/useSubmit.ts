import { useState } from 'react'
import Taro from '@tarojs/taro'
import { errorMessage } from '../services/request'
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

/**
 * A sheet's confirm button: `busy` while `submit` runs `request` (which closes the sheet and toasts when it
 * succeeds); a failure's message shows in the sheet (`error`), as does a check's (`setError`). `failed` may do more
 * with the failure (reload a list someone else has changed meanwhile).
 */
export function useSheetSubmit() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const submit = async (request: () => Promise<unknown>, failed?: (e: unknown) => void) => {
    setBusy(true)
    setError(null)
    try {
      await request()
    } catch (e) {
      setError(errorMessage(e))
      failed?.(e)
    } finally {
      setBusy(false)
    }
  }
  return { busy, error, setError, submit }
}
