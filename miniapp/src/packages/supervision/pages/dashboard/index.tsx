import { useCallback, useEffect, useMemo, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro'
import type { Dashboard } from '@nuancheng/shared'
import { REPORT_STATUS_LABELS } from '@nuancheng/shared/constants'
import { RequireLogin } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { fetchDashboard } from '../../../../services/supervision'
import { formatDate } from '../../../../utils/format'
import { DataTable } from '../../components/DataTable'
import { F2Chart, type ChartRow } from '../../components/F2Chart'
import './index.scss'

const hours = (minutes: number) => Math.round(minutes / 6) / 10
const pct = (rate: number) => `${Math.round(rate * 1000) / 10}%`
const shortMonth = (m: string) => `${Number(m.slice(5))}月`

function Numbers({ items }: { items: Array<[string, string | number]> }) {
  return (
    <View className='dash-numbers'>
      {items.map(([label, value]) => (
        <View key={label} className='dash-numbers__item'>
          <Text className='dash-numbers__value'>{value}</Text>
          <Text className='dash-numbers__label'>{label}</Text>
        </View>
      ))}
    </View>
  )
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <View className='dash-section' id={id}>
      <Text className='dash-section__title'>{title}</Text>
      {children}
    </View>
  )
}

function DashboardView({ regionId, year }: { regionId?: string; year?: string }) {
  const [data, setData] = useState<Dashboard | null>(null)
  const [error, setError] = useState<string | null>(null)
  const load = useCallback(() => {
    fetchDashboard(regionId, year)
      .then((d) => {
        setData(d)
        setError(null)
      })
      .catch((e: Error) => setError(e.message || '加载失败'))
      .finally(() => Taro.stopPullDownRefresh())
  }, [regionId, year])
  useEffect(load, [load])
  usePullDownRefresh(load)

  const monthlyWishes = useMemo<ChartRow[]>(
    () =>
      data
        ? data.monthly.flatMap((m) => [
            { x: shortMonth(m.month), series: '发布', value: m.wishesPosted },
            { x: shortMonth(m.month), series: '圆梦', value: m.wishesFulfilled }
          ])
        : [],
    [data]
  )
  const monthlyHours = useMemo<ChartRow[]>(
    () => (data ? data.monthly.map((m) => ({ x: shortMonth(m.month), series: '服务时长', value: hours(m.minutes) })) : []),
    [data]
  )
  const states = useMemo<ChartRow[]>(
    () => (data ? data.wishes.byState.filter((s) => s.count > 0).map((s) => ({ x: s.label, series: '心愿', value: s.count })) : []),
    [data]
  )

  if (error && !data) return <StateView type='error' title='加载失败' message={error} actionText='重新加载' onAction={load} />
  if (!data) return <StateView type='loading' title='正在加载…' />
  const { members, wishes, activities, agreements } = data
  return (
    <View id='dashboard' data-region={data.region.id}>
      <View className='dash-head' id='dashboard-head'>
        <Text className='dash-head__region'>{data.region.name}</Text>
        <Text className='dash-head__year'>
          {data.year}年 · 截至 {formatDate(data.to)}
        </Text>
      </View>

      <Section id='dash-members' title='双报到'>
        <Numbers
          items={[
            ['居住在本地的名单党员', members.onRoster],
            ['其中已到社区报到', members.residentsRegistered],
            ['在本地社区报到的党员', members.registered]
          ]}
        />
      </Section>

      <Section id='dash-monthly' title='近12个月微心愿'>
        <F2Chart id='chart-monthly-wishes' kind='bar' rows={monthlyWishes} label='近12个月每月发布和圆梦的微心愿柱状图，数据见下表' />
        <DataTable
          id='table-monthly-wishes'
          caption='每月微心愿（件）'
          columns={['月份', '发布', '圆梦']}
          rows={data.monthly.map((m) => [m.month, m.wishesPosted, m.wishesFulfilled])}
        />
      </Section>

      <Section id='dash-wishes' title={`今年微心愿 ${wishes.total} 件`}>
        <Numbers
          items={[
            ['认领用时中位数（小时）', wishes.medianHoursToClaim ?? '—'],
            ['圆梦用时中位数（小时）', wishes.medianHoursToFulfil ?? '—'],
            ['久未认领', wishes.overdueUnclaimed],
            ['认领超期', wishes.overdueClaims]
          ]}
        />
        <F2Chart id='chart-wish-states' kind='bar' rows={states} label='今年微心愿按状态的柱状图，数据见下表' />
        <DataTable
          id='table-wish-states'
          caption='今年微心愿按状态（件）'
          columns={['状态', '件数']}
          rows={wishes.byState.map((s) => [s.label, s.count])}
        />
      </Section>

      <Section id='dash-service' title='活动与服务时长'>
        <Numbers
          items={[
            ['举办活动', activities.held],
            ['签到人次', activities.attendances],
            ['服务时长（小时）', hours(activities.minutes)],
            ['服务党员', activities.membersServed],
            ['人均时长（分钟）', activities.minutesPerMember]
          ]}
        />
        <F2Chart id='chart-monthly-hours' kind='line' rows={monthlyHours} label='近12个月每月服务时长折线图，数据见下表' />
        <DataTable
          id='table-monthly-hours'
          caption='每月服务时长（小时）'
          columns={['月份', '小时']}
          rows={data.monthly.map((m) => [m.month, hours(m.minutes)])}
        />
      </Section>

      <Section id='dash-reports' title='党员半年报告'>
        <DataTable
          id='table-reports'
          caption='应报告党员与报告情况'
          columns={['时段', '应报告', '已提交', REPORT_STATUS_LABELS.approved, '逾期']}
          rows={data.reports.flatMap((r) => [
            [r.label, r.members, r.submitted, r.approved, r.late],
            [`${r.label}比率`, '—', pct(r.submissionRate), pct(r.approvalRate), pct(r.lateRate)]
          ])}
        />
      </Section>

      <Section id='dash-agreements' title='共建协议'>
        <Numbers
          items={[
            ['生效协议', agreements.inForce],
            ['承诺事项', agreements.commitments],
            ['承诺数量', agreements.committed],
            ['已兑现', agreements.delivered]
          ]}
        />
      </Section>

      <Section id='dash-ranking' title='单位服务排行'>
        <DataTable
          id='table-ranking'
          caption='按今年服务时长排序'
          columns={['单位', '小时', '次数']}
          rows={data.ranking.map((u) => [u.name, hours(u.minutes), u.services])}
        />
      </Section>
    </View>
  )
}

/** 督导看板: the street (official) or the district / city (committee) in figures, each chart with its table. */
export default function SupervisionDashboardPage() {
  const { params } = useRouter()
  return (
    <View className='nc-page supervision-dashboard'>
      <RequireLogin>{() => <DashboardView regionId={params.regionId} year={params.year} />}</RequireLogin>
    </View>
  )
}
