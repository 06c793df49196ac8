import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import type { OrgReportListItem } from '@nuancheng/shared'
import { ErrorCode, ORG_REPORT_STATUS_LABELS } from '@nuancheng/shared/constants'
import { Tabs } from '../../../../components/Chips'
import { ListFooter } from '../../../../components/ListFooter'
import { NcButton } from '../../../../components/NcButton'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { StatusTag } from '../../../../components/StatusTag'
import { usePagedList } from '../../../../hooks/usePagedList'
import { useReshow } from '../../../../hooks/useReshow'
import { createOrgReport, fetchOrgReports } from '../../../../services/org-reports'
import { hasErrorCode } from '../../../../services/request'
import { formatDateTime } from '../../../../utils/format'
import { go } from '../../../../utils/navigation'
import { REPORT_TONES } from '../../../../utils/reports'
import '../../reports.scss'

const reportUrl = (id: string) => `/packages/reports/pages/org-report/index?id=${encodeURIComponent(id)}`
const thisYear = () => new Date(Date.now() + 8 * 3600_000).getUTCFullYear()

function OrgReportCard({ r }: { r: OrgReportListItem }) {
  return (
    <View className='report-card org-report-card' data-id={r.id} data-unit={r.unit.name} onClick={() => go(reportUrl(r.id))}>
      <View className='report-card__top'>
        <Text className='report-card__name'>
          {r.unit.name} · {r.year} 年度
        </Text>
        <StatusTag label={r.statusLabel} tone={REPORT_TONES[r.status]} />
      </View>
      <Text className='report-card__line'>
        {r.submittedAt ? `提交于 ${formatDateTime(r.submittedAt)}` : '尚未提交'}
        {r.version > 1 ? ` · 第 ${r.version} 版` : ''}
      </Text>
      <Text className='report-card__line'>{r.assessments ? `结对街道评价 ${r.assessments} 条` : '结对街道暂未评价'}</Text>
    </View>
  )
}

function Reports({ status, mode }: { status?: 'submitted'; mode: 'unit' | 'committee' }) {
  const list = usePagedList(`${mode}|${status ?? 'all'}`, (page) => fetchOrgReports({ status, page }))
  const [busy, setBusy] = useState<number | null>(null)
  useReshow(list.reload)
  const start = async (year: number) => {
    setBusy(year)
    try {
      const report = await createOrgReport(year)
      go(reportUrl(report.id))
    } catch (e) {
      if (hasErrorCode(e, ErrorCode.OrgReportExists)) list.reload()
    } finally {
      setBusy(null)
    }
  }
  if (list.status === 'loading') return <StateView type='loading' />
  if (list.status === 'error') return <StateView type='error' message={list.error?.message} actionText='重新加载' onAction={list.reload} />
  const years = [thisYear(), thisYear() - 1].filter((y) => !list.items.some((r) => r.year === y))
  return (
    <View>
      {mode === 'unit' && years.length ? (
        <View className='nc-card org-report-start'>
          <Text className='report-editor__label'>撰写年度报告</Text>
          <Text className='nc-hint'>报告数据取自本单位的党员报到服务台账、共建协议、微心愿、民生实事和党员承诺，提交后由上级工委审核。</Text>
          <View className='report-editor__buttons'>
            {years.map((y) => (
              <NcButton
                key={y}
                type={y === thisYear() ? 'primary' : 'default'}
                id={`org-report-start-${y}`}
                loading={busy === y}
                disabled={busy !== null}
                onClick={() => void start(y)}
              >
                撰写 {y} 年度报告
              </NcButton>
            ))}
          </View>
        </View>
      ) : null}
      {!list.items.length ? (
        <StateView
          type='empty'
          title={status ? '没有待审核的年度报告' : '暂无年度报告'}
          message={mode === 'unit' ? '本单位的年度报告会出现在这里' : '各单位提交的年度报告会出现在这里'}
        />
      ) : (
        <View>
          <View className='nc-hint'>
            共 {list.total} 份{mode === 'committee' ? '，结对街道对共建协议的评价显示在报告中' : ''}。
          </View>
          <View className='report-list' id={status ? 'org-review-queue' : 'org-reports'}>
            {list.items.map((r) => (
              <OrgReportCard key={r.id} r={r} />
            ))}
          </View>
          <ListFooter count={list.items.length} hasMore={list.hasMore} loadingMore={list.loadingMore} onMore={list.loadMore} />
        </View>
      )}
    </View>
  )
}

/** 机关党组织年度报告: the org admin's reports (start a year's), or the committee's review queue and every report. */
export default function OrgReportsPage() {
  const { params } = useRouter()
  const mode = params.as === 'committee' ? 'committee' : 'unit'
  const [tab, setTab] = useState<'queue' | 'all'>('queue')
  return (
    <SignedInPage className='org-reports-page'>
      {() =>
        mode === 'unit' ? (
          <Reports mode='unit' />
        ) : (
          <View>
            <Tabs
              tabs={[
                { key: 'queue', label: ORG_REPORT_STATUS_LABELS.submitted },
                { key: 'all', label: '全部报告' }
              ]}
              value={tab}
              onChange={setTab}
            />
            {tab === 'queue' ? <Reports key='queue' mode='committee' status='submitted' /> : <Reports key='all' mode='committee' />}
          </View>
        )
      }
    </SignedInPage>
  )
}
