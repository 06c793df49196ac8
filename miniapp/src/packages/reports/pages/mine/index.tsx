import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { ReportDue, ReportDueItem, ReportListItem } from '@nuancheng/shared'
import { Cell, CellGroup } from '../../../../components/Cell'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { StatusTag } from '../../../../components/StatusTag'
import { useAsync } from '../../../../hooks/useAsync'
import { useReshow } from '../../../../hooks/useReshow'
import { createReport, fetchDue, fetchMyReports } from '../../../../services/reports'
import { formatDate } from '../../../../utils/format'
import { go } from '../../../../utils/navigation'
import { REPORT_TONES, dueText, hours } from '../../../../utils/reports'
import '../../reports.scss'

const reportUrl = (id: string) => `/packages/reports/pages/report/index?id=${encodeURIComponent(id)}`

function DueCard({ item, onStart, busy }: { item: ReportDueItem; onStart: (period: string) => void; busy: boolean }) {
  const due = dueText(item)
  return (
    <View className='report-due' id={`due-${item.period.key}`}>
      <View className='report-due__top'>
        <Text className='report-due__title'>{item.period.label}报告</Text>
        <StatusTag label={item.stateLabel} tone={REPORT_TONES[item.state]} />
      </View>
      <Text className={`report-due__line ${due.urgent ? 'nc-danger-text' : ''}`}>
        截止 {formatDate(new Date(new Date(item.deadline).getTime() - 1).toISOString())} · {due.text}
      </Text>
      <View className='report-due__actions'>
        {item.reportId ? (
          <NcButton
            type={item.state === 'draft' || item.state === 'returned' ? 'primary' : 'default'}
            id={`open-${item.period.key}`}
            onClick={() => go(reportUrl(item.reportId!))}
          >
            {item.state === 'draft' ? '继续填写' : item.state === 'returned' ? '查看意见并修改' : '查看报告'}
          </NcButton>
        ) : (
          <NcButton type='primary' id={`start-${item.period.key}`} loading={busy} onClick={() => onStart(item.period.key)}>
            开始填写
          </NcButton>
        )}
      </View>
    </View>
  )
}

function Mine() {
  const due = useAsync<ReportDue>('due', fetchDue)
  const history = useAsync('history', fetchMyReports)
  const [busy, setBusy] = useState(false)
  useReshow(() => {
    due.reload()
    history.reload()
  })

  const start = async (period: string) => {
    setBusy(true)
    try {
      const report = await createReport(period)
      go(reportUrl(report.id))
    } catch {
      // The request has shown why (a toast).
    } finally {
      setBusy(false)
    }
  }

  if (due.status === 'loading') return <StateView type='loading' />
  if (due.status === 'error') return <StateView type='error' message={due.error.message} actionText='重新加载' onAction={due.reload} />
  if (!due.data.member) return <StateView type='empty' title='尚未登记为在职党员' message='半年报告由在职党员向所在党支部提交' />
  const dueIds = new Set(due.data.items.map((i) => i.reportId))
  const older = (history.data?.items ?? []).filter((r: ReportListItem) => !dueIds.has(r.id))

  return (
    <View>
      <View className='nc-hint'>在职党员每半年向所在党支部报告一次。报告中的服务时长、活动次数取自您的服务台账，提交时自动更新。</View>
      <View className='nc-section-title'>待报告</View>
      {due.data.items.map((item) => (
        <DueCard key={item.period.key} item={item} onStart={start} busy={busy} />
      ))}
      {older.length ? (
        <CellGroup title='往期报告'>
          {older.map((r) => (
            <Cell
              key={r.id}
              title={`${r.period.label}报告`}
              desc={`服务 ${hours(r.totalMinutes)}${r.late ? ' · 逾期提交' : ''}`}
              value={<StatusTag label={r.statusLabel} tone={REPORT_TONES[r.status]} />}
              link
              onClick={() => go(reportUrl(r.id))}
            />
          ))}
        </CellGroup>
      ) : null}
      <CellGroup title='志愿服务记录证明'>
        <Cell
          id='go-certificate'
          title='开具服务记录证明'
          desc='下载带二维码的 PDF 证明，可扫码核验真伪'
          link
          onClick={() => go('/packages/reports/pages/certificate/index')}
        />
      </CellGroup>
    </View>
  )
}

/** 我的半年报告: what is due (with its deadline), past reports, and the service-record certificate. */
export default function MyReportsPage() {
  return <SignedInPage className='reports-mine'>{() => <Mine />}</SignedInPage>
}
