import { useEffect, useState } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { AgreementAssessment, OrgReport, OrgReportFigures } from '@nuancheng/shared'
import { ORG_REPORT_LIMITS } from '@nuancheng/shared/constants'
import { NcButton } from '../../../../components/NcButton'
import { RequireLogin } from '../../../../components/RequireLogin'
import { Sheet } from '../../../../components/Sheet'
import { StateView } from '../../../../components/StateView'
import { StatusTag } from '../../../../components/StatusTag'
import { Timeline } from '../../../../components/Timeline'
import { useAsync } from '../../../../hooks/useAsync'
import { approveOrgReport, fetchOrgReport, refreshOrgReport, returnOrgReport, saveOrgReport, submitOrgReport } from '../../../../services/org-reports'
import { errorMessage } from '../../../../services/request'
import { formatDateTime } from '../../../../utils/format'
import { REPORT_TONES, charCount, hours } from '../../../../utils/reports'
import '../../reports.scss'

function Figures({
  figures,
  assessments,
  onRefresh,
  refreshing
}: {
  figures: OrgReportFigures
  assessments: AgreementAssessment[]
  onRefresh?: () => void
  refreshing: boolean
}) {
  const count = (label: string, value: number | string, unit: string) => (
    <View className='report-figure'>
      <Text className='report-figure__value'>{value}</Text>
      <Text className='report-figure__label'>
        {label}（{unit}）
      </Text>
    </View>
  )
  const m = figures.members
  return (
    <View>
      <View className='nc-card report-figures' id='org-report-figures'>
        <Text className='report-figures__total'>
          党员服务时长 <Text id='org-figures-total'>{hours(m.totalMinutes)}</Text>
        </Text>
        <View className='report-figures__grid'>
          {count('在册党员', m.roster, '名')}
          {count('参加服务党员', m.withService, '名')}
          {count('人均服务', hours(m.minutesPerMember), '时长')}
          {count('单位组织服务', hours(m.unitMinutes), '时长')}
        </View>
        {figures.memberReports.map((r) => (
          <Text key={r.period} className='report-figures__line'>
            {r.label}党员报告：已提交 {r.submitted} 份，已通过 {r.approved} 份
          </Text>
        ))}
        <Text className='report-figures__line' id='org-figures-wishes'>
          微心愿：认领 {figures.wishes.claimed} 个，完成 {figures.wishes.completed} 个（单位 {figures.wishes.byUnit.claimed}/
          {figures.wishes.byUnit.completed}，党员 {figures.wishes.byMembers.claimed}/{figures.wishes.byMembers.completed}）
        </Text>
        <Text className='report-figures__line'>
          民生实事：认领 {figures.projects.claimed} 项，完成 {figures.projects.completed} 项
        </Text>
        <Text className='report-figures__line'>
          一支部一实事：{figures.branchProjects.branches} 个党支部中 {figures.branchProjects.withProject} 个认领了实事
          {figures.branchProjects.items.length
            ? `（${figures.branchProjects.items.map((p) => `${p.branch.name}：${p.title} · ${p.statusLabel}`).join('；')}）`
            : ''}
        </Text>
        <Text className='report-figures__line'>
          一党员一践诺：{figures.pledges.members} 名党员中 {figures.pledges.pledged} 名作出承诺，{figures.pledges.done} 名已践诺
        </Text>
        <View className='report-figures__foot'>
          <Text className='report-figures__time'>数据取自本单位台账，更新于 {formatDateTime(figures.takenAt)}</Text>
          {onRefresh ? (
            <NcButton size='small' id='org-report-refresh' loading={refreshing} onClick={onRefresh}>
              更新数据
            </NcButton>
          ) : null}
        </View>
      </View>
      <View className='nc-section-title'>共建协议 · 承诺与兑现 · 街道评价</View>
      {figures.agreements.length === 0 ? <View className='nc-hint'>本年度没有生效的共建协议</View> : null}
      {figures.agreements.map((a) => {
        const grades = assessments.filter((x) => x.agreementId === a.id)
        return (
          <View key={a.id} className='nc-card org-report-agreement' data-agreement={a.id}>
            <View className='report-card__top'>
              <Text className='report-card__name'>{a.region.name}</Text>
              <Text className='report-figures__time'>{a.statusLabel}</Text>
            </View>
            <Text className='report-figures__time'>
              {a.startDate} 至 {a.endDate}
            </Text>
            {a.commitments.map((c) => (
              <Text key={c.id} className='report-figures__line'>
                {c.category} · {c.description}：承诺 {c.quantity} {c.unit}，已兑现 {c.delivered.services} 次 / {hours(c.delivered.minutes)}
              </Text>
            ))}
            <View className='org-report-assessments'>
              {grades.length ? (
                grades.map((g) => (
                  <View key={g.id} className='report-assessment'>
                    <View className='report-assessment__top'>
                      <Text className='report-assessment__scope'>{g.street.name}评价</Text>
                      <Text className='report-assessment__grade'>{g.gradeLabel}</Text>
                    </View>
                    {g.comment ? <Text className='report-assessment__comment'>{g.comment}</Text> : null}
                  </View>
                ))
              ) : (
                <Text className='report-assessment__none'>结对街道暂未评价</Text>
              )}
            </View>
          </View>
        )
      })}
    </View>
  )
}

function Editor({ report, onSaved }: { report: OrgReport; onSaved: (r: OrgReport) => void }) {
  const [summary, setSummary] = useState(report.summary)
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null)
  const run = async (what: 'save' | 'submit') => {
    if (what === 'submit') {
      if (charCount(summary.trim()) < ORG_REPORT_LIMITS.summaryMinToSubmit)
        return Taro.showToast({ title: `请填写报告正文（至少 ${ORG_REPORT_LIMITS.summaryMinToSubmit} 个字）`, icon: 'none' })
      const { confirm } = await Taro.showModal({
        title: '提交年度报告',
        content: '提交后数据将按本单位台账更新并交上级工委审核，审核期间不能修改。确定提交吗？',
        confirmColor: '#c8161d'
      })
      if (!confirm) return
    }
    setBusy(what)
    try {
      const saved = await saveOrgReport(report.id, summary)
      onSaved(what === 'submit' ? await submitOrgReport(saved.id) : saved)
      Taro.showToast({ title: what === 'submit' ? '已提交' : '已保存', icon: 'success' })
    } catch {
      // Toasted by the request.
    } finally {
      setBusy(null)
    }
  }
  return (
    <View className='nc-card report-editor'>
      <Text className='report-editor__label'>报告正文</Text>
      <Textarea
        className='nc-textarea report-editor__text'
        id='org-report-summary'
        value={summary}
        maxlength={ORG_REPORT_LIMITS.summaryMax}
        autoHeight
        placeholder='写一写本年度组织党员报到服务、落实共建协议资源清单、一支部一实事和一党员一践诺的情况，以及下一步打算'
        onInput={(e) => setSummary(e.detail.value)}
      />
      <Text className='report-editor__count'>
        {charCount(summary)}/{ORG_REPORT_LIMITS.summaryMax}
      </Text>
      <View className='report-editor__buttons'>
        <NcButton id='org-report-save' loading={busy === 'save'} disabled={busy !== null} onClick={() => void run('save')}>
          保存草稿
        </NcButton>
        <NcButton type='primary' id='org-report-submit' loading={busy === 'submit'} disabled={busy !== null} onClick={() => void run('submit')}>
          {report.version ? '重新提交' : '提交工委'}
        </NcButton>
      </View>
    </View>
  )
}

function Review({ report, onDone }: { report: OrgReport; onDone: (r: OrgReport) => void }) {
  const [open, setOpen] = useState<'approve' | 'return' | null>(null)
  const [comment, setComment] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const confirm = async () => {
    if (open === 'return' && comment.trim().length < ORG_REPORT_LIMITS.returnCommentMin) return setError('退回时请写明修改意见')
    setBusy(true)
    setError(null)
    try {
      onDone(open === 'approve' ? await approveOrgReport(report.id, comment.trim()) : await returnOrgReport(report.id, comment.trim()))
      setOpen(null)
      setComment('')
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  if (!report.actions.includes('approve') && !report.actions.includes('return')) return null
  return (
    <View className='nc-actions report-review'>
      {report.actions.includes('approve') ? (
        <NcButton type='primary' block id='org-report-approve' onClick={() => setOpen('approve')}>
          审核通过
        </NcButton>
      ) : null}
      {report.actions.includes('return') ? (
        <NcButton block id='org-report-return' onClick={() => setOpen('return')}>
          退回修改
        </NcButton>
      ) : null}
      {open ? (
        <Sheet
          title={open === 'approve' ? '审核通过' : '退回修改'}
          hint={open === 'approve' ? '可填写审核意见（选填）' : '请写明需要补充或修改的内容，单位修改后可重新提交'}
          confirmText={open === 'approve' ? '确认通过' : '确认退回'}
          busy={busy}
          error={error}
          onConfirm={() => void confirm()}
          onClose={() => setOpen(null)}
        >
          <Textarea
            className='nc-textarea'
            id='org-review-comment'
            value={comment}
            maxlength={ORG_REPORT_LIMITS.commentMax}
            fixed
            placeholder={open === 'approve' ? '如：内容翔实，同意' : '如：请补充资源清单的落实情况'}
            onInput={(e) => setComment(e.detail.value)}
          />
        </Sheet>
      ) : null}
    </View>
  )
}

function OrgReportView({ id }: { id: string }) {
  const loaded = useAsync(id, () => fetchOrgReport(id))
  const [report, setReport] = useState<OrgReport | null>(null)
  const [refreshing, setRefreshing] = useState(false)
  useEffect(() => {
    if (loaded.status === 'success') setReport(loaded.data)
  }, [loaded.status, loaded.data])

  if (loaded.status === 'loading' && !report) return <StateView type='loading' />
  if (loaded.status === 'error')
    return <StateView type='error' title='打不开这份年度报告' message={loaded.error.message} actionText='重新加载' onAction={loaded.reload} />
  if (!report) return <StateView type='loading' />

  const refresh = async () => {
    setRefreshing(true)
    try {
      setReport(await refreshOrgReport(report.id))
    } catch {
      // Toasted.
    } finally {
      setRefreshing(false)
    }
  }
  const returned = report.status === 'returned' ? report.versions.find((v) => v.decision === 'returned') : undefined

  return (
    <View>
      <View className='nc-card report-head'>
        <View className='report-head__top'>
          <Text className='report-head__title'>{report.year} 年度报告</Text>
          <StatusTag id='org-report-status' label={report.statusLabel} tone={REPORT_TONES[report.status]} />
        </View>
        <Text className='report-head__line'>
          {report.unit.name}
          {report.version ? ` · 第 ${report.version} 版` : ''}
        </Text>
      </View>

      {returned ? (
        <View className='nc-card report-returned' id='org-return-comment'>
          <Text className='report-returned__title'>工委退回意见</Text>
          <Text className='report-returned__text'>{returned.comment}</Text>
          <Text className='report-returned__by'>
            {returned.reviewer?.name ?? '工委'} · {formatDateTime(returned.decidedAt)}
          </Text>
        </View>
      ) : null}

      <Figures
        figures={report.figures}
        assessments={report.assessments}
        refreshing={refreshing}
        onRefresh={report.actions.includes('refresh') ? () => void refresh() : undefined}
      />

      {report.actions.includes('save') ? (
        <Editor key={report.updatedAt} report={report} onSaved={setReport} />
      ) : (
        <View className='nc-card report-body'>
          <Text className='report-editor__label'>报告正文</Text>
          <Text className='report-body__text' id='org-report-text'>
            {report.summary || '（未填写）'}
          </Text>
        </View>
      )}

      <Review report={report} onDone={setReport} />

      {report.versions.length ? (
        <View className='nc-card report-versions' id='org-versions'>
          <Text className='report-editor__label'>提交记录与审核意见</Text>
          {report.versions.map((v) => (
            <View key={v.version} className='report-version' data-version={v.version}>
              <View className='report-version__top'>
                <Text className='report-version__title'>第 {v.version} 版</Text>
                <Text className='report-version__time'>提交于 {formatDateTime(v.submittedAt)}</Text>
              </View>
              <Text className='report-version__summary'>{v.summary}</Text>
              {v.decision ? (
                <Text className={`report-version__decision ${v.decision === 'returned' ? 'nc-danger-text' : ''}`}>
                  {v.decisionLabel}
                  {v.comment ? `：${v.comment}` : ''}（{v.reviewer?.name ?? '工委'}）
                </Text>
              ) : (
                <Text className='report-version__decision'>等待审核</Text>
              )}
            </View>
          ))}
        </View>
      ) : null}

      <View className='nc-section-title'>办理记录</View>
      <View className='nc-card'>
        <Timeline items={report.timeline} />
      </View>
    </View>
  )
}

/** 机关党组织年度报告: the unit's org admin writes and submits it; the committee reads it with the streets' assessments and decides. */
export default function OrgReportPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  return (
    <View className='nc-page report-page'>
      <RequireLogin>{() => (id ? <OrgReportView id={id} /> : <StateView type='error' title='链接有误' message='缺少报告编号' />)}</RequireLogin>
    </View>
  )
}
