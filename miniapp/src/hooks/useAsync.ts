import { useCallback, useEffect, useRef, useState } from 'react'
import { ApiRequestError, isApiRequestError } from '../services/request'

export type AsyncState<T> =
  | { status: 'loading'; data: null; error: null }
  | { status: 'success'; data: T; error: null }
  | { status: 'error'; data: null; error: ApiRequestError }

/** Runs `load` when `key` changes (null = don't run); exposes loading / success / error and `reload`. */
export function useAsync<T>(key: string | null, load: () => Promise<T>): AsyncState<T> & { reload: () => void } {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading', data: null, error: null })
  const [nonce, setNonce] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load

  useEffect(() => {
    if (key === null) return
    let cancelled = false
    setState({ status: 'loading', data: null, error: null })
    loadRef.current().then(
      (data) => !cancelled && setState({ status: 'success', data, error: null }),
      (e: unknown) =>
        !cancelled &&
        setState({
          status: 'error',
          data: null,
          error: isApiRequestError(e) ? e : new ApiRequestError(0, 'UNKNOWN', '加载失败，请稍后重试')
        })
    )
    return () => {
      cancelled = true
    }
  }, [key, nonce])

  const reload = useCallback(() => setNonce((n) => n + 1), [])
  return { ...state, reload }
}
