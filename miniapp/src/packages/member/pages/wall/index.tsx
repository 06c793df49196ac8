import { useEffect, useMemo, useState } from 'react'
import { Picker, ScrollView, Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { Region } from '@nuancheng/shared'
import { PUBLIC_WISH_STATUSES, WISH_CATEGORIES, WISH_STATUS_LABELS } from '@nuancheng/shared/constants'
import { PagedListView } from '../../../../components/PagedListView'
import { WishCard } from '../../../../components/WishCard'
import { useAsync } from '../../../../hooks/useAsync'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useReshow } from '../../../../hooks/useReshow'
import { useSession } from '../../../../hooks/useSession'
import { fetchRegions } from '../../../../services/regions'
import { fetchWall } from '../../../../services/wishes'
import { go, wishUrl } from '../../../../utils/navigation'
import './index.scss'

const CATEGORY_TABS = ['全部', ...WISH_CATEGORIES] as const
const STATUS_OPTIONS = ['', ...PUBLIC_WISH_STATUSES] as const
const STATUS_NAMES = STATUS_OPTIONS.map((s) => (s ? WISH_STATUS_LABELS[s] : '全部状态'))

type Status = (typeof STATUS_OPTIONS)[number]
type Category = (typeof CATEGORY_TABS)[number]
interface WallFilters {
  streetId: string
  communityId: string
  status: Status
  category: Category
}
const FILTERS_KEY = 'nc-wall-filters'
const DEFAULT_FILTERS: WallFilters = { streetId: '', communityId: '', status: 'published', category: '全部' }

/**
 * The filters a reload brings back: a link's own (`?communityId=` from a workbench) first, else the last ones chosen
 * here (kept in storage), else the defaults. Unknown values fall back to the defaults.
 */
function initialFilters(params: Partial<Record<string, string>>): WallFilters {
  if (params.communityId || params.streetId) {
    return { ...DEFAULT_FILTERS, streetId: params.streetId ?? '', communityId: params.communityId ?? '' }
  }
  try {
    const saved = Taro.getStorageSync(FILTERS_KEY) as Partial<WallFilters> | ''
    if (!saved || typeof saved !== 'object') return DEFAULT_FILTERS
    return {
      streetId: typeof saved.streetId === 'string' ? saved.streetId : '',
      communityId: typeof saved.communityId === 'string' ? saved.communityId : '',
      status: (STATUS_OPTIONS as readonly string[]).includes(saved.status ?? '-') ? (saved.status as Status) : DEFAULT_FILTERS.status,
      category: (CATEGORY_TABS as readonly string[]).includes(saved.category ?? '-') ? (saved.category as Category) : DEFAULT_FILTERS.category
    }
  } catch {
    return DEFAULT_FILTERS
  }
}

/** A selector picker drawn as a pill; index 0 is "all". */
function FilterPicker({ names, index, onChange, id }: { names: string[]; index: number; onChange: (i: number) => void; id: string }) {
  return (
    <Picker mode='selector' range={names} value={index} onChange={(e) => onChange(Number(e.detail.value))} className='wall__filter'>
      <View className={`wall__picker ${index > 0 ? 'wall__picker--on' : ''}`} id={id}>
        <Text>{names[index] ?? names[0]}</Text>
        <Text className='wall__caret'>▼</Text>
      </View>
    </Picker>
  )
}

/** 心愿墙 across communities: street / community / status filters, category tabs, 加载更多. Public; claiming needs sign-in. */
export default function WallPage() {
  const { me } = useSession()
  const regions = useAsync('regions', () => Promise.all([fetchRegions('street'), fetchRegions('community')]))
  const streets: Region[] = regions.status === 'success' ? regions.data[0] : []
  const allCommunities: Region[] = regions.status === 'success' ? regions.data[1] : []

  const { params } = useRouter()
  const [initial] = useState(() => initialFilters(params))
  const [streetId, setStreetId] = useState(initial.streetId)
  const [communityId, setCommunityId] = useState(initial.communityId)
  const [status, setStatus] = useState<Status>(initial.status)
  const [category, setCategory] = useState<Category>(initial.category)
  useEffect(() => {
    try {
      Taro.setStorageSync(FILTERS_KEY, { streetId, communityId, status, category })
    } catch {
      // Storage full or unavailable: the filters just do not come back.
    }
  }, [streetId, communityId, status, category])

  const communities = useMemo(() => (streetId ? allCommunities.filter((c) => c.parentId === streetId) : allCommunities), [allCommunities, streetId])

  const key = [streetId, communityId, status, category].join('|')
  const wall = usePagedList(key, (page) =>
    fetchWall({
      streetId: streetId || undefined,
      communityId: communityId || undefined,
      status: status || undefined,
      category: category === '全部' ? undefined : category,
      page,
      pageSize: 20
    })
  )
  useReshow(wall.reload)
  usePullDownRefresh(() => {
    wall.reload()
    setTimeout(() => Taro.stopPullDownRefresh(), 600)
  })

  const home = me?.member?.residenceCommunity

  return (
    <View className='nc-page wall' id='wall'>
      {regions.status === 'success' ? (
        <View className='wall__filters'>
          <FilterPicker
            id='filter-street'
            names={['全部街道', ...streets.map((s) => s.name)]}
            index={streetId ? streets.findIndex((s) => s.id === streetId) + 1 : 0}
            onChange={(i) => {
              setStreetId(i > 0 ? streets[i - 1].id : '')
              setCommunityId('')
            }}
          />
          <FilterPicker
            id='filter-community'
            names={['全部社区', ...communities.map((c) => c.name)]}
            index={communityId ? communities.findIndex((c) => c.id === communityId) + 1 : 0}
            onChange={(i) => setCommunityId(i > 0 ? communities[i - 1].id : '')}
          />
          <FilterPicker
            id='filter-status'
            names={STATUS_NAMES}
            index={STATUS_OPTIONS.indexOf(status)}
            onChange={(i) => setStatus(STATUS_OPTIONS[i] ?? '')}
          />
        </View>
      ) : null}
      {home && !communityId && regions.status === 'success' ? (
        <View
          className='nc-hint'
          onClick={() => {
            const c = allCommunities.find((x) => x.id === home.id)
            if (c) {
              setStreetId(c.parentId ?? '')
              setCommunityId(c.id)
            }
          }}
        >
          <Text className='nc-danger-text'>只看我的居住社区：{home.name}</Text>
        </View>
      ) : null}
      <ScrollView scrollX className='nc-tabs' style={{ marginTop: '12px' }} showScrollbar={false} enhanced>
        {CATEGORY_TABS.map((t) => (
          <Text key={t} className={`nc-tab wall-tab ${t === category ? 'nc-tab--on' : ''}`} onClick={() => setCategory(t)}>
            {t}
          </Text>
        ))}
      </ScrollView>

      <PagedListView
        list={wall}
        loading='正在加载心愿…'
        failed='心愿加载失败'
        empty={{ title: '没有符合条件的心愿', message: '换个街道、社区或类别看看' }}
        className='wish-list'
        head={<View className='wall__total'>共 {wall.total} 个心愿</View>}
      >
        {(w) => <WishCard key={w.id} wish={w} onClick={() => go(wishUrl(w.id))} />}
      </PagedListView>
    </View>
  )
}
