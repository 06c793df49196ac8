import { useState } from 'react'
import { errorMessage } from '../services/request'

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
