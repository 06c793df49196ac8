import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { WishSummary } from '@nuancheng/shared'
import { ListFooter } from '../../../../components/ListFooter'
import { NcButton } from '../../../../components/NcButton'
import { RequireLogin } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { WishCard } from '../../../../components/WishCard'
import { useCareMode } from '../../../../hooks/useCareMode'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useReshow } from '../../../../hooks/useReshow'
import { fetchMyWishes } from '../../../../services/wishes'
import { formatDateTime } from '../../../../utils/format'
import { lastCommunity } from '../../../../utils/last-community'
import { communityUrl, go, wishUrl } from '../../../../utils/navigation'
import './index.scss'

/** The line under a wish in my list: what is happening now. */
function progress(w: WishSummary): string | null {
  switch (w.status) {
    case 'rejected':
      return w.rejectReason ? `未通过：${w.rejectReason}` : '未通过审核'
    case 'submitted':
    case 'held':
      return `提交于 ${formatDateTime(w.createdAt)}，等待社区审核`
    case 'published':
      return '已发布到心愿墙，等待认领'
    case 'claimed':
      return w.claimant ? `${w.claimant.name} 已认领，会尽快联系您` : '已被认领'
    case 'fulfilled':
      return '认领人已送达，请确认是否收到'
    case 'disputed':
      return '您反映未收到，社区正在核实'
    case 'confirmed':
      return `已于 ${formatDateTime(w.confirmedAt)} 确认收到`
    default:
      return null
  }
}

function MyWishes() {
  const list = usePagedList('my-wishes', (page) => fetchMyWishes(page))
  useReshow(list.reload)
  const recent = lastCommunity()
  const postNew = recent
    ? () => go(`/packages/resident/pages/post-wish/index?code=${encodeURIComponent(recent.code)}&name=${encodeURIComponent(recent.name)}`)
    : null

  if (list.status === 'loading') return <StateView type='loading' title='正在加载…' />
  if (list.status === 'error')
    return <StateView type='error' title='加载失败' message={list.error?.message} actionText='重新加载' onAction={list.reload} />
  if (list.items.length === 0) {
    return (
      <StateView
        type='empty'
        title='还没有微心愿'
        message='扫描社区张贴的二维码，即可向社区发布您的微心愿'
        actionText={recent ? `向${recent.name}发布` : '去扫一扫'}
        onAction={postNew ?? (() => Taro.switchTab({ url: '/pages/index/index' }))}
      />
    )
  }
  return (
    <View>
      <View className='wish-list' id='my-wishes'>
        {list.items.map((w) => (
          <WishCard
            key={w.id}
            wish={w}
            extra={<Text className={w.status === 'fulfilled' || w.status === 'rejected' ? 'nc-danger-text' : ''}>{progress(w)}</Text>}
            onClick={() => go(wishUrl(w.id))}
          />
        ))}
      </View>
      <ListFooter count={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={list.loadMore} />
      {recent ? (
        <View className='nc-actions'>
          <NcButton type='plain' block onClick={postNew!}>
            向{recent.name}发布新心愿
          </NcButton>
          <NcButton block onClick={() => go(communityUrl(recent.code))}>
            查看{recent.name}心愿墙
          </NcButton>
        </View>
      ) : null}
    </View>
  )
}

/** Resident home: the wishes I posted, in every state. */
export default function ResidentHomePage() {
  const careMode = useCareMode()
  return (
    <View className={`nc-page resident-home ${careMode.rootClass}`} style={careMode.rootStyle}>
      <RequireLogin message='登录后查看您发布的微心愿'>{() => <MyWishes />}</RequireLogin>
    </View>
  )
}
