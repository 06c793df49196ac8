import { useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import type { Report, ReportFigures } from '@nuancheng/shared'
import { REPORT_LIMITS } from '@nuancheng/shared/constants'
import { PhotoGrid } from '../../../../components/PhotoGrid'
import { PhotoPicker, type PhotoPickerState } from '../../../../components/PhotoPicker'
import { approveReport, fetchReport, refreshReport, returnReport, saveReport, submitReport } from '../../../../services/reports'
import { joinUrl } from '../../../../services/request'
import { formatDate } from '../../../../utils/format'
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

function Figures({ figures, onRefresh, refreshing }: { figures: ReportFigures; onRefresh?: () => void; refreshing: boolean }) {
  return (
    <View className='nc-card report-figures' id='report-figures'>
      <Text className='report-figures__total'>
        累计服务时长 <Text id='figures-total'>{hours(figures.totalMinutes)}</Text>
      </Text>
      <View className='report-figures__grid'>
        <FigureCount label='参加志愿服务活动' value={figures.activitiesAttended} unit='次' />
        <FigureCount label='服务岗位值守' value={figures.postShifts} unit='次' />
        <FigureCount label='圆梦微心愿' value={figures.wishesFulfilled} unit='个' />
        <FigureCount label='参与民生实事' value={figures.projects} unit='次' />
      </View>
      <Text className='report-figures__line'>
        一党员一践诺：{figures.pledge.title ? `${figures.pledge.title} · ` : ''}
        {figures.pledge.label}
      </Text>
      <Text className='report-figures__line'>
        服务社区：{figures.communities.length ? figures.communities.map((c) => `${c.name}（${hours(c.minutes)}）`).join('、') : '暂无'}
      </Text>
      {figures.byKind.some((k) => k.minutes) ? (
        <Text className='report-figures__line'>
          按类别：
          {figures.byKind
            .filter((k) => k.minutes)
            .map((k) => `${k.label} ${hours(k.minutes)}`)
            .join('，')}
        </Text>
      ) : null}
      <FiguresFoot source='服务台账' takenAt={figures.takenAt} buttonId='report-refresh' refreshing={refreshing} onRefresh={onRefresh} />
    </View>
  )
}

function Editor({ report, onSaved }: { report: Report; onSaved: (r: Report) => void }) {
  const [summary, setSummary] = useState(report.summary)
  const [kept, setKept] = useState(report.photos)
  const [picked, setPicked] = useState<PhotoPickerState>({ ids: [], busy: false, failed: 0 })
  const [pickerKey, setPickerKey] = useState(0)
  const max = REPORT_LIMITS.photosMax
  const input = () => ({ summary, photoIds: [...kept.map((p) => p.id), ...picked.ids] })
  const { busy, run } = useEditorRun({
    summary,
    minToSubmit: REPORT_LIMITS.summaryMinToSubmit,
    confirmTitle: '提交报告',
    confirmContent: '提交后服务数据将按台账更新并交党支部书记审核，审核期间不能修改。确定提交吗？',
    blocked: picked.busy ? '照片还在上传，请稍候' : null,
    save: async () => {
      const saved = await saveReport(report.id, input())
      setKept(saved.photos)
      setPickerKey((k) => k + 1)
      return saved
    },
    submit: submitReport,
    onSaved
  })

  return (
    <View className='nc-card report-editor'>
      <SummaryField
        id='report-summary'
        value={summary}
        max={REPORT_LIMITS.summaryMax}
        placeholder='写一写本半年参加报到、服务的情况，践行承诺的情况，以及下一步打算'
        onInput={setSummary}
      />
      <Text className='report-editor__label'>照片（可选，最多 {max} 张）</Text>
      {kept.length ? (
        <View className='photo-grid'>
          {kept.map((p) => (
            <View key={p.id} className='photo-picker__item photo-picker__item--done'>
              <Image className='photo-picker__img' src={joinUrl(p.thumbnailUrl)} mode='aspectFill' />
              <View className='photo-picker__remove' onClick={() => setKept((list) => list.filter((x) => x.id !== p.id))}>
                <Text>×</Text>
              </View>
            </View>
          ))}
        </View>
      ) : null}
      {kept.length < max ? <PhotoPicker key={pickerKey} id='report-photos' max={max - kept.length} onChange={setPicked} /> : null}
      <EditorButtons prefix='report' busy={busy} submitText={report.version ? '重新提交' : '提交报告'} onRun={run} />
    </View>
  )
}

function ReportView({ id }: { id: string }) {
  const { report, state, setReport, refresh, refreshing } = useReport(id, fetchReport, refreshReport, '打不开这份报告')
  if (!report) return <>{state}</>

  const editable = report.actions.includes('save')
  return (
    <View>
      <ReportHead title={`${report.period.label}报告`} statusId='report-status' report={report}>
        <Text className='report-head__line'>
          {report.member.name} · {report.branch.name}
        </Text>
        <Text className={`report-head__line ${report.late ? 'nc-danger-text' : ''}`}>
          截止 {formatDate(new Date(new Date(report.deadline).getTime() - 1).toISOString())}
          {report.late ? ' · 已逾期' : ''}
          {report.version ? ` · 第 ${report.version} 版` : ''}
        </Text>
      </ReportHead>

      <ReturnedNote id='return-comment' title='党支部退回意见' reviewer='党支部书记' report={report} />

      <Figures figures={report.figures} refreshing={refreshing} onRefresh={report.actions.includes('refresh') ? () => void refresh() : undefined} />

      {editable ? (
        <Editor key={report.updatedAt} report={report} onSaved={setReport} />
      ) : (
        <ReportBody id='report-text' summary={report.summary}>
          <PhotoGrid photos={report.photos} />
        </ReportBody>
      )}

      {report.assessments ? (
        <View className='nc-card report-assessments' id='assessments'>
          <Text className='report-editor__label'>街道、社区评价</Text>
          {report.assessments.length === 0 ? <Text className='report-assessment__none'>服务所在的街道、社区暂未评价</Text> : null}
          {report.assessments.map((a) => (
            <AssessmentItem key={a.id} scope={a.scope.name} grade={a.gradeLabel} comment={a.comment} />
          ))}
        </View>
      ) : null}

      <ReviewActions
        actions={report.actions}
        prefix='report'
        commentId='review-comment'
        returnHint='请写明需要补充或修改的内容，党员修改后可重新提交'
        returnPlaceholder='如：请补充参加活动的具体情况'
        limits={REPORT_LIMITS}
        decide={(decision, comment) => (decision === 'approve' ? approveReport(report.id, comment) : returnReport(report.id, comment))}
        onDone={setReport}
      />

      <ReportVersions
        id='versions'
        versions={report.versions}
        reviewer='党支部书记'
        line={(v) => <Text className='report-version__line'>服务时长 {hours(v.figures.totalMinutes)}</Text>}
      />

      <ReportTrail items={report.timeline} />
    </View>
  )
}

/** 党员半年报告: the member writes and submits it; the branch secretary reads it with the streets' assessments and decides. */
export default function MemberReportPage() {
  return <ReportPage view={ReportView} />
}
