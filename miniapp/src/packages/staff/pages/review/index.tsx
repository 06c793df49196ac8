import { Text, View } from '@tarojs/components'
import type { WishSummary } from '@nuancheng/shared'
import { ListFooter } from '../../../../components/ListFooter'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { WishCard } from '../../../../components/WishCard'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useReshow } from '../../../../hooks/useReshow'
import { fetchReviewQueue } from '../../../../services/wishes'
import { formatDateTime } from '../../../../utils/format'
import { go, wishUrl } from '../../../../utils/navigation'

function what(w: WishSummary): string {
  if (w.status === 'disputed') return '居民反映未收到，请核实后确认或退回重办'
  if (w.status === 'held') return `内容安全检查提示复核 · 提交于 ${formatDateTime(w.createdAt)}`
  return `待审核 · 提交于 ${formatDateTime(w.createdAt)}`
}

function Queue() {
  const list = usePagedList('review-queue', (page) => fetchReviewQueue(page))
  // Back from a detail page after approving: the wish leaves the queue.
  useReshow(list.reload)
  if (list.status === 'loading') return <StateView type='loading' title='正在加载…' />
  if (list.status === 'error') {
    return <StateView type='error' title='加载失败' message={list.error?.message} actionText='重新加载' onAction={list.reload} />
  }
  if (list.items.length === 0) return <StateView type='empty' title='没有待处理的心愿' message='居民提交的心愿和有异议的心愿会出现在这里' />
  return (
    <View>
      <View className='nc-hint'>共 {list.total} 个待处理，点开查看详情后审核</View>
      <View className='wish-list' id='review-queue'>
        {list.items.map((w) => (
          <WishCard
            key={w.id}
            wish={w}
            extra={<Text className={w.status === 'disputed' ? 'nc-danger-text' : ''}>{what(w)}</Text>}
            onClick={() => go(wishUrl(w.id))}
          />
        ))}
      </View>
      <ListFooter count={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={list.loadMore} />
    </View>
  )
}

/** 审核队列: submitted, held and disputed wishes in the communities I serve. */
export default function ReviewQueuePage() {
  return <SignedInPage className='review'>{() => <Queue />}</SignedInPage>
}
