import { useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { AgreementAssessment, OrgReport, OrgReportFigures } from '@nuancheng/shared'
import { ORG_REPORT_LIMITS } from '@nuancheng/shared/constants'
import { approveOrgReport, fetchOrgReport, refreshOrgReport, returnOrgReport, saveOrgReport, submitOrgReport } from '../../../../services/org-reports'
import { hours } from '../../../../utils/reports'
import {
  AssessmentItem,
  EditorButtons,
  FigureCount,
  FiguresFoot,
  ReportBody,
  ReportHead,
  ReportPage,
  ReportTrail,
  ReportVersions,
  ReturnedNote,
  ReviewActions,
  SummaryField,
  useEditorRun,
  useReport
} from '../../components/ReportParts'
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
  const m = figures.members
  return (
    <View>
      <View className='nc-card report-figures' id='org-report-figures'>
        <Text className='report-figures__total'>
          党员服务时长 <Text id='org-figures-total'>{hours(m.totalMinutes)}</Text>
        </Text>
        <View className='report-figures__grid'>
          <FigureCount label='在册党员' value={m.roster} unit='名' />
          <FigureCount label='参加服务党员' value={m.withService} unit='名' />
          <FigureCount label='人均服务' value={hours(m.minutesPerMember)} unit='时长' />
          <FigureCount label='单位组织服务' value={hours(m.unitMinutes)} unit='时长' />
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
        <FiguresFoot source='本单位台账' takenAt={figures.takenAt} buttonId='org-report-refresh' refreshing={refreshing} onRefresh={onRefresh} />
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
                grades.map((g) => <AssessmentItem key={g.id} scope={`${g.street.name}评价`} grade={g.gradeLabel} comment={g.comment} />)
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
  const { busy, run } = useEditorRun({
    summary,
    minToSubmit: ORG_REPORT_LIMITS.summaryMinToSubmit,
    confirmTitle: '提交年度报告',
    confirmContent: '提交后数据将按本单位台账更新并交上级工委审核，审核期间不能修改。确定提交吗？',
    save: () => saveOrgReport(report.id, summary),
    submit: submitOrgReport,
    onSaved
  })
  return (
    <View className='nc-card report-editor'>
      <SummaryField
        id='org-report-summary'
        value={summary}
        max={ORG_REPORT_LIMITS.summaryMax}
        placeholder='写一写本年度组织党员报到服务、落实共建协议资源清单、一支部一实事和一党员一践诺的情况，以及下一步打算'
        onInput={setSummary}
      />
      <EditorButtons prefix='org-report' busy={busy} submitText={report.version ? '重新提交' : '提交工委'} onRun={run} />
    </View>
  )
}

function OrgReportView({ id }: { id: string }) {
  const { report, state, setReport, refresh, refreshing } = useReport(id, fetchOrgReport, refreshOrgReport, '打不开这份年度报告')
  if (!report) return <>{state}</>

  return (
    <View>
      <ReportHead title={`${report.year} 年度报告`} statusId='org-report-status' report={report}>
        <Text className='report-head__line'>
          {report.unit.name}
          {report.version ? ` · 第 ${report.version} 版` : ''}
        </Text>
      </ReportHead>

      <ReturnedNote id='org-return-comment' title='工委退回意见' reviewer='工委' report={report} />

      <Figures
        figures={report.figures}
        assessments={report.assessments}
        refreshing={refreshing}
        onRefresh={report.actions.includes('refresh') ? () => void refresh() : undefined}
      />

      {report.actions.includes('save') ? (
        <Editor key={report.updatedAt} report={report} onSaved={setReport} />
      ) : (
        <ReportBody id='org-report-text' summary={report.summary} />
      )}

      <ReviewActions
        actions={report.actions}
        prefix='org-report'
        commentId='org-review-comment'
        returnHint='请写明需要补充或修改的内容，单位修改后可重新提交'
        returnPlaceholder='如：请补充资源清单的落实情况'
        limits={ORG_REPORT_LIMITS}
        decide={(decision, comment) => (decision === 'approve' ? approveOrgReport(report.id, comment) : returnOrgReport(report.id, comment))}
        onDone={setReport}
        hideIdle
      />

      <ReportVersions id='org-versions' versions={report.versions} reviewer='工委' />

      <ReportTrail items={report.timeline} />
    </View>
  )
}

/** 机关党组织年度报告: the unit's org admin writes and submits it; the committee reads it with the streets' assessments and decides. */
export default function OrgReportPage() {
  return <ReportPage view={OrgReportView} />
}
