import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import type { PagedList } from '../hooks/usePagedList'
import { ListFooter } from './ListFooter'
import { StateView, type StateViewProps } from './StateView'

/**
 * A paged list (usePagedList) in its four states, one look across the app: loading, failed (with 重新加载), empty
 * (`empty` is what the StateView says), or `head` and the items in a View (`id`, `className`) with 加载更多 under them.
 */
export function PagedListView<T>({
  list,
  loading = '正在加载…',
  failed = '加载失败',
  empty,
  id,
  className,
  head,
  children
}: {
  list: PagedList<T>
  loading?: string
  failed?: string
  empty: Omit<StateViewProps, 'type'>
  id?: string
  className?: string
  head?: ReactNode
  children: (item: T) => ReactNode
}) {
  if (list.status === 'loading') return <StateView type='loading' title={loading} />
  if (list.status === 'error')
    return <StateView type='error' title={failed} message={list.error?.message} actionText='重新加载' onAction={list.reload} />
  if (list.items.length === 0) return <StateView type='empty' {...empty} />
  return (
    <View id={id} className={className}>
      {head}
      {list.items.map(children)}
      <ListFooter count={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={list.loadMore} />
    </View>
  )
}
