import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { ActivitySummary, Me, MyActivityItem } from '@nuancheng/shared'
import { ACTIVITY_STATUS_LABELS } from '@nuancheng/shared/constants'
import { Chips, choices, Tabs } from '../../../../components/Chips'
import { ListFooter } from '../../../../components/ListFooter'
import { NcButton } from '../../../../components/NcButton'
import { PrivacyGate } from '../../../../components/PrivacyGate'
import { RequireLogin } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { usePagedList, type PagedList } from '../../../../hooks/usePagedList'
import { useReshow } from '../../../../hooks/useReshow'
import { fetchActivities, fetchMyActivities } from '../../../../services/activities'
import { attendanceLabel, hoursLabel, minutesText } from '../../../../utils/activities'
import { currentFix, locationAllowed, LocationError, type Fix } from '../../../../utils/location'
import { go } from '../../../../utils/navigation'
import { ActivityCard } from '../../components/ActivityCard'
import '../../styles.scss'

const detailUrl = (id: string) => `/packages/activities/pages/detail/index?id=${encodeURIComponent(id)}`

type Tab = 'near' | 'mine' | 'organise'

function MineExtra({ item }: { item: MyActivityItem }) {
  const a = item.attendance
  if (a.hours)
    return (
      <Text>
        服务时长：{minutesText(a.hours.minutes)}（{hoursLabel(a.hours.status)}）
      </Text>
    )
  return <Text>我的状态：{attendanceLabel(a.status)}</Text>
}

/** Upcoming activities near the phone (when location is allowed), else in the member's residence community. */
function NearList({ me }: { me: Me }) {
  const [fix, setFix] = useState<Fix | null>(null)
  const [locating, setLocating] = useState(false)
  const residence = me.member?.residenceCommunity ?? null
  useEffect(() => {
    // Sort by distance at once only when location is already allowed; otherwise the member asks for it.
    void locationAllowed().then((ok) => (ok ? currentFix().then(setFix, () => undefined) : undefined))
  }, [])
  const key = fix ? `near:${fix.lat.toFixed(3)},${fix.lng.toFixed(3)}` : `community:${residence?.id ?? 'all'}`
  const list = usePagedList<ActivitySummary>(key, (page) =>
    fetchActivities(fix ? { lat: fix.lat, lng: fix.lng, page } : { communityId: residence?.id, page })
  )
  useReshow(list.reload)
  const locate = async () => {
    setLocating(true)
    try {
      setFix(await currentFix())
    } catch (e) {
      Taro.showToast({ title: e instanceof LocationError ? e.message : '暂时无法获取位置', icon: 'none', duration: 3000 })
    } finally {
      setLocating(false)
    }
  }
  return (
    <View>
      <View className='nc-hint'>
        <Text>{fix ? '按距离由近到远排列' : residence ? `${residence.name}的活动` : '全市的活动'}</Text>
      </View>
      {fix ? null : (
        <View className='nc-actions'>
          <NcButton block id='sort-by-distance' loading={locating} onClick={() => void locate()}>
            按离我的距离排序
          </NcButton>
        </View>
      )}
      <Body list={list} empty={fix ? '附近暂时没有活动' : '社区暂时没有活动'} />
    </View>
  )
}

function Body<T extends ActivitySummary>({ list, empty, extra }: { list: PagedList<T>; empty: string; extra?: (item: T) => JSX.Element }) {
  if (list.status === 'loading') return <StateView type='loading' />
  if (list.status === 'error')
    return <StateView type='error' title='加载失败' message={list.error?.message} actionText='重新加载' onAction={list.reload} />
  if (list.items.length === 0) return <StateView type='empty' title={empty} />
  return (
    <View>
      <View className='activity-list' id='activity-list'>
        {list.items.map((a) => (
          <ActivityCard key={a.id} a={a} extra={extra?.(a)} onClick={() => go(detailUrl(a.id))} />
        ))}
      </View>
      <ListFooter count={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={list.loadMore} />
    </View>
  )
}

function MyList() {
  const list = usePagedList<MyActivityItem>('mine', (page) => fetchMyActivities(page))
  useReshow(list.reload)
  return <Body list={list} empty='您还没有报名活动' extra={(item) => <MineExtra item={item} />} />
}

/** What an organiser's list shows: a community they serve as staff, or a unit they administer (org admins). */
const organiseScopes = (me: Me) => [
  ...me.roles.filter((r) => r.role === 'community_staff' && r.scopeId).map((r) => ({ key: `c:${r.scopeId}`, name: r.scopeName ?? '社区' })),
  ...me.roles.filter((r) => r.role === 'org_admin' && r.scopeId).map((r) => ({ key: `o:${r.scopeId}`, name: r.scopeName ?? '本单位' }))
]

/** Community staff: the activities of the communities they serve; org admins: those their unit organises. And 发布活动. */
function OrganiseList({ me }: { me: Me }) {
  const scopes = organiseScopes(me)
  const [scope, setScope] = useState(scopes[0]?.key ?? '')
  const [when, setWhen] = useState<'upcoming' | 'past'>('upcoming')
  const filter = scope.startsWith('o:') ? { organisationId: scope.slice(2) } : { communityId: scope.slice(2) }
  const list = usePagedList<ActivitySummary>(scope ? `${scope}:${when}` : null, (page) => fetchActivities({ ...filter, when, page }))
  useReshow(list.reload)
  return (
    <View>
      <View className='nc-form'>
        {scopes.length > 1 ? <Chips id='organise-scope' {...choices(scopes, (c) => [c.key, c.name])} value={scope} onChange={setScope} /> : null}
        <Chips
          id='organise-when'
          options={['upcoming', 'past'] as const}
          labels={{ upcoming: '未结束', past: ACTIVITY_STATUS_LABELS.ended }}
          value={when}
          onChange={setWhen}
        />
      </View>
      <View className='nc-actions'>
        <NcButton type='primary' block id='go-publish' onClick={() => go('/packages/activities/pages/publish/index')}>
          发布活动
        </NcButton>
      </View>
      <Body list={list} empty={when === 'upcoming' ? '还没有未结束的活动' : '还没有已结束的活动'} />
    </View>
  )
}

function Activities({ me, initial }: { me: Me; initial: Tab }) {
  const organiser = organiseScopes(me).length > 0
  const tabs: Array<[Tab, string]> = [
    ...(me.member
      ? ([
          ['near', '附近的活动'],
          ['mine', '我报名的']
        ] as Array<[Tab, string]>)
      : []),
    ...(organiser ? ([['organise', '我组织的']] as Array<[Tab, string]>) : [])
  ]
  const [tab, setTab] = useState<Tab>(tabs.some(([t]) => t === initial) ? initial : (tabs[0]?.[0] ?? 'near'))
  if (!tabs.length) return <StateView type='empty' title='尚未登记为在职党员' message='志愿服务活动面向在职党员，请联系所在党支部将您录入党员名单' />
  return (
    <View>
      {tabs.length > 1 ? <Tabs tabs={tabs.map(([key, label]) => ({ key, label }))} value={tab} onChange={setTab} /> : null}
      {tab === 'near' ? <NearList me={me} /> : tab === 'mine' ? <MyList /> : <OrganiseList me={me} />}
    </View>
  )
}

/** 志愿服务活动: near me and in my community, my sign-ups; for community staff and org admins, the ones they organise. */
export default function ActivityListPage() {
  const initial = (Taro.getCurrentInstance().router?.params?.tab as Tab | undefined) ?? 'near'
  return (
    <View className='nc-page activity-list-page'>
      <PrivacyGate />
      <RequireLogin message='登录后查看志愿服务活动'>{(me) => <Activities me={me} initial={initial} />}</RequireLogin>
    </View>
  )
}
