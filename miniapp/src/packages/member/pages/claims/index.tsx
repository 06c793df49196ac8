import { Text } from '@tarojs/components'
import type { WishSummary } from '@nuancheng/shared'
import { PagedListView } from '../../../../components/PagedListView'
import { SignedInPage } from '../../../../components/RequireLogin'
import { WishCard } from '../../../../components/WishCard'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useReshow } from '../../../../hooks/useReshow'
import { fetchMyClaims } from '../../../../services/wishes'
import { deadlineText, formatDate, formatDateTime } from '../../../../utils/format'
import { go, wishUrl } from '../../../../utils/navigation'

/** Deadline for an open claim, else how it ended. */
const ENDED: Record<string, string> = { released: '已放弃认领', revoked: '认领已被社区撤销', expired: '超过期限，认领已自动释放' }

function ClaimLine({ w }: { w: WishSummary }) {
  const ended = w.myClaimStatus ? ENDED[w.myClaimStatus] : undefined
  if (ended) return <Text className='claim-ended'>{ended}</Text>
  if (w.status === 'claimed') {
    const d = deadlineText(w.claimDeadline)
    return d ? (
      <Text className={`claim-deadline ${d.overdue ? 'nc-danger-text' : ''}`}>
        请于 {formatDate(w.claimDeadline)} 前完成（{d.text}）
      </Text>
    ) : (
      <Text>进行中</Text>
    )
  }
  if (w.status === 'fulfilled') return <Text>已提交圆梦凭证，等待居民确认</Text>
  if (w.status === 'disputed') return <Text className='nc-danger-text'>居民反映未收到，社区正在核实</Text>
  if (w.status === 'confirmed') return <Text>已于 {formatDateTime(w.confirmedAt)} 确认收到</Text>
  return <Text>认领已结束</Text>
}

function Claims() {
  const list = usePagedList('my-claims', (page) => fetchMyClaims(page))
  useReshow(list.reload)
  return (
    <PagedListView
      list={list}
      empty={{
        title: '还没有认领心愿',
        message: '到心愿墙看看身边居民的微心愿',
        actionText: '去心愿墙',
        onAction: () => go('/packages/member/pages/wall/index')
      }}
      className='wish-list'
      id='my-claims'
    >
      {(w) => <WishCard key={w.id} wish={w} extra={<ClaimLine w={w} />} onClick={() => go(wishUrl(w.id))} />}
    </PagedListView>
  )
}

/** 我的认领: open claims with their deadlines, and past ones. */
export default function ClaimsPage() {
  return (
    <SignedInPage className='claims' message='登录后查看您认领的心愿'>
      {() => <Claims />}
    </SignedInPage>
  )
}
