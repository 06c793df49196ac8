import { Text, View } from '@tarojs/components'
import type { OverdueWish, WishSummary } from '@nuancheng/shared'
import { DISPATCH_STATUS_LABELS, OVERDUE_LABELS } from '@nuancheng/shared/constants'
import { StatusTag } from '../../../../components/StatusTag'
import { ListFooter } from '../../../../components/ListFooter'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { WishCard } from '../../../../components/WishCard'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useReshow } from '../../../../hooks/useReshow'
import { fetchOverdue } from '../../../../services/wishes'
import { deadlineText, formatDateTime } from '../../../../utils/format'
import { go, wishUrl } from '../../../../utils/navigation'
import { DISPATCH_TONES } from '../../../../utils/wishes'

const dispatchUrl = (w: Pick<WishSummary, 'id' | 'title'>) =>
  `/packages/admin/pages/dispatch/index?id=${encodeURIComponent(w.id)}&title=${encodeURIComponent(w.title)}`

function why(w: WishSummary): string {
  const reason = w.overdue ? OVERDUE_LABELS[w.overdue] : '超期'
  if (w.overdue === 'claim_deadline_passed' && w.claimDeadline) {
    return `${reason} · ${w.claimant?.name ?? ''} 期限 ${formatDateTime(w.claimDeadline)}（${deadlineText(w.claimDeadline)?.text ?? ''}）`
  }
  if (w.publishedAt) return `${reason} · 发布于 ${formatDateTime(w.publishedAt)}`
  return reason
}

/** Where the wish's latest dispatch stands: 派单中 / 已承接 / 已婉拒 / 已上报, to which unit, answer due when. */
function DispatchLine({ d }: { d: NonNullable<OverdueWish['dispatch']> }) {
  const open = d.status === 'pending' || d.status === 'escalated'
  return (
    <View className='overdue-dispatch-state' data-status={d.status}>
      <StatusTag label={DISPATCH_STATUS_LABELS[d.status]} tone={DISPATCH_TONES[d.status]} /> <Text>派给 {d.organisation.name}</Text>
      {open ? <Text className='nc-block'>答复期限 {formatDateTime(d.answerBy)}</Text> : null}
    </View>
  )
}

function Board() {
  const list = usePagedList('overdue', (page) => fetchOverdue(page))
  useReshow(list.reload)
  if (list.status === 'loading') return <StateView type='loading' title='正在加载…' />
  if (list.status === 'error')
    return <StateView type='error' title='加载失败' message={list.error?.message} actionText='重新加载' onAction={list.reload} />
  if (list.items.length === 0)
    return <StateView type='empty' title='没有超期的心愿' message='件件有着落：长期无人认领或超期未完成的心愿会出现在这里' />
  return (
    <View>
      <View className='nc-hint'>共 {list.total} 个超期心愿。无人认领的心愿可派给共建单位承接。</View>
      <View className='wish-list' id='overdue-board'>
        {list.items.map((w) => (
          <WishCard
            key={w.id}
            wish={w}
            extra={
              <View>
                <Text className='nc-danger-text nc-block'>{why(w)}</Text>
                {w.dispatch ? <DispatchLine d={w.dispatch} /> : null}
              </View>
            }
            onClick={() => go(wishUrl(w.id))}
            footer={
              <View style={{ display: 'flex' }}>
                <NcButton size='small' onClick={() => go(wishUrl(w.id))}>
                  查看
                </NcButton>
                {w.actions.includes('dispatch') ? (
                  <NcButton size='small' type='primary' className='overdue-dispatch' onClick={() => go(dispatchUrl(w))}>
                    派单
                  </NcButton>
                ) : null}
              </View>
            }
          />
        ))}
      </View>
      <ListFooter count={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={list.loadMore} />
    </View>
  )
}

/** 超期督办: a street official's overdue wishes, or (committee) escalated dispatches; dispatch from here. */
export default function OverduePage() {
  return <SignedInPage className='overdue'>{() => <Board />}</SignedInPage>
}
