import { useEffect, useMemo, useState } from 'react'
import { ScrollView, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { PublicWish } from '@nuancheng/shared'
import { ErrorCode, WISH_CATEGORIES } from '@nuancheng/shared/constants'
import { Cell, CellGroup } from '../../components/Cell'
import { CommunityPledges } from '../../components/CommunityPledges'
import { NcButton } from '../../components/NcButton'
import { PagedListView } from '../../components/PagedListView'
import { StateView } from '../../components/StateView'
import { WishCard } from '../../components/WishCard'
import { useAsync } from '../../hooks/useAsync'
import { useCareMode } from '../../hooks/useCareMode'
import { type PagedList, usePagedList } from '../../hooks/usePagedList'
import { useReshow } from '../../hooks/useReshow'
import { fetchCommunity } from '../../services/communities'
import { fetchWall } from '../../services/wishes'
import { parseCommunityCode } from '../../utils/community-code'
import { rememberCommunity } from '../../utils/last-community'
import { backOrHome, go, wishUrl } from '../../utils/navigation'
import { publishedFirst } from '../../utils/wishes'
import './index.scss'

const TABS = ['全部', ...WISH_CATEGORIES] as const

type Tab = (typeof TABS)[number]

/** The community's public wall: masked names only; waiting-for-a-claimant first; filtered by category. */
function CommunityWall({ wall, tab, onTab }: { wall: PagedList<PublicWish>; tab: Tab; onTab: (tab: Tab) => void }) {
  const category = tab === '全部' ? undefined : tab
  const items = useMemo(() => publishedFirst(wall.items), [wall.items])

  return (
    <View className='community__wall' id='wish-wall'>
      <View className='nc-section-title'>社区心愿墙</View>
      <ScrollView scrollX className='nc-tabs community__tabs nc-elder-hide' enhanced showScrollbar={false}>
        {TABS.map((t) => (
          <Text key={t} className={`nc-tab wall-tab ${t === tab ? 'nc-tab--on' : ''}`} onClick={() => onTab(t)}>
            {t}
          </Text>
        ))}
      </ScrollView>
      <PagedListView
        list={{ ...wall, items }}
        loading='正在加载心愿…'
        failed='心愿加载失败'
        empty={{ title: category ? `暂无「${category}」类心愿` : '暂无公开的心愿', message: '居民发布的心愿经社区审核后会展示在这里' }}
        className='wish-list'
      >
        {(w) => <WishCard key={w.id} wish={w} onClick={() => go(wishUrl(w.id))} />}
      </PagedListView>
    </View>
  )
}

/**
 * Opened from a scanned QR code: `q` (URL QR code), `scene` (小程序码) or `code` (in-app links).
 */
export default function CommunityPage() {
  const { params } = useRouter()
  const code = useMemo(() => parseCommunityCode(params), [params])
  const community = useAsync(code, () => fetchCommunity(code!))
  const [tab, setTab] = useState<Tab>('全部')
  const careMode = useCareMode()
  const category = tab === '全部' ? undefined : tab
  // Asked by the QR code's community code at once, beside the community rather than after it: one round trip
  // less before the first wish card (docs/benchmarks.md, part 4).
  const wall = usePagedList(code ? `${code}|${tab}` : null, (page) => fetchWall({ communityCode: code!, category, page, pageSize: 20 }))
  // Back from a detail page (claimed, withdrawn …): show the wall as it is now.
  useReshow(wall.reload)

  useEffect(() => {
    if (community.status === 'success') {
      rememberCommunity(community.data)
      Taro.setNavigationBarTitle({ title: community.data.name })
    }
  }, [community.status, community.data])

  if (!code) {
    return (
      <View className='nc-page community'>
        <StateView type='error' title='无法识别的二维码' message='请扫描社区张贴的「暖城」二维码' actionText='返回首页' onAction={backOrHome} />
      </View>
    )
  }

  if (community.status === 'loading') {
    return (
      <View className='nc-page community'>
        <StateView type='loading' title='正在打开社区…' />
      </View>
    )
  }

  if (community.status === 'error') {
    const { error } = community
    const notFound = error.code === ErrorCode.NotFound
    return (
      <View className='nc-page community' id='community-error'>
        <StateView
          type='error'
          title={notFound ? '没有找到这个社区' : '社区信息加载失败'}
          message={error.message}
          actionText={notFound ? '返回首页' : '重新加载'}
          onAction={notFound ? backOrHome : community.reload}
          secondaryText={notFound ? undefined : '返回首页'}
          onSecondary={notFound ? undefined : backOrHome}
        />
      </View>
    )
  }

  const c = community.data
  const postWish = () =>
    go(
      `/packages/resident/pages/post-wish/index?code=${encodeURIComponent(c.code)}&name=${encodeURIComponent(c.name)}&communityId=${encodeURIComponent(c.id)}`
    )

  return (
    <View className={`nc-page community ${careMode.rootClass}`} style={careMode.rootStyle} id='community'>
      {careMode.shouldOffer() ? (
        <View className='nc-card community__elder-offer' id='elder-offer'>
          <Text className='community__elder-title'>字太小、看不清？</Text>
          <Text className='community__elder-text'>长辈版字更大、按钮更大，只留常用功能。以后也可以在「我的」里切换。</Text>
          <View className='community__elder-actions'>
            <NcButton onClick={careMode.dismissOffer} id='elder-offer-no'>
              暂不需要
            </NcButton>
            <NcButton type='primary' onClick={() => careMode.setElder(true)} id='elder-offer-yes'>
              开启长辈版
            </NcButton>
          </View>
        </View>
      ) : null}
      <View className='community__header'>
        <Text className='community__name'>{c.name}</Text>
        <Text className='community__region'>
          {c.district.name} · {c.street.name}
        </Text>
        <View className='community__badge'>
          <Text>领航共建 · 先锋暖城</Text>
        </View>
      </View>

      {/* 长辈版: the community's phone, large, to call for help instead of finding one's way through the app. */}
      {careMode.elder && c.servicePhone ? (
        <View className='nc-card community__call' id='call-community'>
          <Text className='community__call-text'>遇到困难、不会操作，请直接打电话给社区</Text>
          <NcButton type='primary' block id='call-community-button' onClick={() => void Taro.makePhoneCall({ phoneNumber: c.servicePhone! })}>
            拨打社区电话 {c.servicePhone}
          </NcButton>
        </View>
      ) : null}

      <View className='nc-actions'>
        <NcButton type='primary' block onClick={postWish} id='post-wish'>
          发布微心愿
        </NcButton>
      </View>
      <View className='nc-hint'>有困难、有需要？发布微心愿，经社区审核后由在职党员认领帮您实现。公开展示时只显示您的姓氏。</View>

      <CommunityWall wall={wall} tab={tab} onTab={setTab} />

      {/* After the wall, so the first wish card is not kept waiting. */}
      <View className='nc-elder-hide'>
        <CommunityPledges code={c.code} ready={wall.status !== 'loading'} />
      </View>

      <CellGroup title='社区信息' className='community__info'>
        <Cell title='地址' value={c.address ?? '暂未填写'} />
        {/* 长辈版: fewer lines; the address is what a visit needs. */}
        {careMode.elder ? null : (
          <>
            <Cell title='社区电话' value={c.servicePhone ?? '暂未填写'} />
            <Cell title='所属街道' value={c.street.name} />
            <Cell title='所属区县' value={c.district.name} />
            <Cell title='社区编码' value={c.code} />
          </>
        )}
      </CellGroup>
    </View>
  )
}
