import { useCallback, useEffect, useRef, useState } from 'react'
import Taro from '@tarojs/taro'
import { ApiRequestError, errorMessage, isApiRequestError } from '../services/request'

export interface PageResult<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

export interface PagedList<T> {
  status: 'loading' | 'success' | 'error'
  items: T[]
  total: number
  error: ApiRequestError | null
  /** A further page is being fetched. */
  loadingMore: boolean
  hasMore: boolean
  loadMore: () => void
  reload: () => void
}

const toError = (e: unknown) => (isApiRequestError(e) ? e : new ApiRequestError(0, 'UNKNOWN', '加载失败，请稍后重试'))

/**
 * A paged list (page 1 on `key` change or reload; 加载更多 appends). `key` null = don't load yet.
 * Items are de-duplicated by `id` in case something moved between pages.
 */
export function usePagedList<T extends { id: string }>(key: string | null, load: (page: number) => Promise<PageResult<T>>): PagedList<T> {
  const [state, setState] = useState<{ status: PagedList<T>['status']; items: T[]; total: number; page: number; error: ApiRequestError | null }>({
    status: 'loading',
    items: [],
    total: 0,
    page: 0,
    error: null
  })
  const [loadingMore, setLoadingMore] = useState(false)
  const [nonce, setNonce] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load
  const generation = useRef(0)

  useEffect(() => {
    if (key === null) return
    const gen = ++generation.current
    setState((s) => ({ ...s, status: 'loading', error: null }))
    setLoadingMore(false)
    loadRef.current(1).then(
      (res) => gen === generation.current && setState({ status: 'success', items: res.items, total: res.total, page: 1, error: null }),
      (e: unknown) => gen === generation.current && setState({ status: 'error', items: [], total: 0, page: 0, error: toError(e) })
    )
  }, [key, nonce])

  const hasMore = state.status === 'success' && state.items.length < state.total

  const loadMore = useCallback(() => {
    if (!hasMore || loadingMore) return
    const gen = generation.current
    const next = state.page + 1
    setLoadingMore(true)
    loadRef.current(next).then(
      (res) => {
        if (gen !== generation.current) return
        setState((s) => {
          const seen = new Set(s.items.map((i) => i.id))
          return { ...s, items: [...s.items, ...res.items.filter((i) => !seen.has(i.id))], total: res.total, page: next }
        })
        setLoadingMore(false)
      },
      (e: unknown) => {
        if (gen !== generation.current) return
        setLoadingMore(false)
        // Lists load with toast: false (they render their own error state), so say it here.
        Taro.showToast({ title: errorMessage(e, '加载失败，请稍后重试'), icon: 'none' })
      }
    )
  }, [hasMore, loadingMore, state.page])

  const reload = useCallback(() => setNonce((n) => n + 1), [])

  return { ...state, loadingMore, hasMore, loadMore, reload }
}
