import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ReportListItem } from '@nuancheng/shared'
import { REPORT_STATUS_LABELS } from '@nuancheng/shared/constants'
import { Tabs } from '../../../../components/Chips'
import { ListFooter } from '../../../../components/ListFooter'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { StatusTag } from '../../../../components/StatusTag'
import { useAsync } from '../../../../hooks/useAsync'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useReshow } from '../../../../hooks/useReshow'
import { fetchLate, fetchReports } from '../../../../services/reports'
import { formatDate, formatDateTime } from '../../../../utils/format'
import { go } from '../../../../utils/navigation'
import { REPORT_TONES, hours } from '../../../../utils/reports'
import '../../reports.scss'

type Tab = 'queue' | 'all' | 'late'
const TABS: Array<{ key: Tab; label: string }> = [
  { key: 'queue', label: REPORT_STATUS_LABELS.submitted },
  { key: 'all', label: '全部报告' },
  { key: 'late', label: '逾期名单' }
]

const reportUrl = (id: string) => `/packages/reports/pages/report/index?id=${encodeURIComponent(id)}`

function ReportCard({ r }: { r: ReportListItem }) {
  return (
    <View className='report-card' data-id={r.id} onClick={() => go(reportUrl(r.id))}>
      <View className='report-card__top'>
        <Text className='report-card__name'>{r.member.name}</Text>
        <StatusTag label={r.statusLabel} tone={REPORT_TONES[r.status]} />
      </View>
      <Text className='report-card__line'>
        {r.period.label} · 服务 {hours(r.totalMinutes)}
        {r.version > 1 ? ` · 第 ${r.version} 版` : ''}
      </Text>
      <Text className={`report-card__line ${r.late ? 'nc-danger-text' : ''}`}>
        {r.submittedAt ? `提交于 ${formatDateTime(r.submittedAt)}` : '尚未提交'}
        {r.late ? ' · 逾期' : ''}
      </Text>
      <View className='report-card__assess'>
        {r.assessments && r.assessments.length ? (
          r.assessments.map((a) => (
            <Text key={a.id} className='report-card__grade'>
              {a.scope.name}：{a.gradeLabel}
            </Text>
          ))
        ) : (
          <Text className='report-card__grade report-card__grade--none'>街道暂未评价</Text>
        )}
      </View>
    </View>
  )
}

function Reports({ status }: { status?: 'submitted' }) {
  const list = usePagedList(status ?? 'all', (page) => fetchReports({ status, page }))
  useReshow(list.reload)
  if (list.status === 'loading') return <StateView type='loading' />
  if (list.status === 'error') return <StateView type='error' message={list.error?.message} actionText='重新加载' onAction={list.reload} />
  if (!list.items.length) return <StateView type='empty' title={status ? '没有待审核的报告' : '暂无报告'} message='党员提交的半年报告会出现在这里' />
  return (
    <View>
      <View className='nc-hint'>共 {list.total} 份。每份报告旁是党员服务所在街道、社区的评价，点开审核。</View>
      <View className='report-list' id={status ? 'review-queue' : 'all-reports'}>
        {list.items.map((r) => (
          <ReportCard key={r.id} r={r} />
        ))}
      </View>
      <ListFooter count={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={list.loadMore} />
    </View>
  )
}

function Late() {
  const late = useAsync('late', () => fetchLate())
  if (late.status === 'loading') return <StateView type='loading' />
  if (late.status === 'error') return <StateView type='error' message={late.error.message} actionText='重新加载' onAction={late.reload} />
  const { data } = late
  const passed = new Date(data.deadline).getTime() <= Date.now()
  return (
    <View id='late-list'>
      <View className='nc-hint'>
        {data.branch.name} · {data.period.label}报告截止 {formatDate(new Date(new Date(data.deadline).getTime() - 1).toISOString())}
        {passed ? `，共 ${data.members} 名党员，逾期 ${data.items.length} 名` : '，尚未到截止日期'}
      </View>
      {data.items.length === 0 ? (
        <StateView type='empty' title={passed ? '没有逾期的党员' : '尚未到截止日期'} />
      ) : (
        <View className='nc-cell-group'>
          {data.items.map((i) => (
            <View key={i.member.id} className='nc-cell late-row' onClick={i.reportId ? () => go(reportUrl(i.reportId!)) : undefined}>
              <View className='nc-cell__main'>
                <Text className='nc-cell__title'>{i.member.name}</Text>
                <Text className='nc-cell__desc'>{i.submittedLate ? `逾期提交于 ${formatDateTime(i.submittedAt)}` : `未提交（${i.stateLabel}）`}</Text>
              </View>
              <StatusTag label={i.submittedLate ? '逾期提交' : '未提交'} tone={i.submittedLate ? 'warning' : 'danger'} />
            </View>
          ))}
        </View>
      )}
    </View>
  )
}

/** The branch secretary's workbench for half-year reports: the review queue, every report, and the late list. */
export default function ReviewPage() {
  const [tab, setTab] = useState<Tab>('queue')
  return (
    <SignedInPage className='report-review-page'>
      {() => (
        <View>
          <Tabs tabs={TABS} value={tab} onChange={setTab} />
          {tab === 'queue' ? <Reports status='submitted' /> : tab === 'all' ? <Reports /> : <Late />}
        </View>
      )}
    </SignedInPage>
  )
}
