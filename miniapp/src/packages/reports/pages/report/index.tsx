import { useEffect, useState } from 'react'
import { Image, Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { Report, ReportFigures } from '@nuancheng/shared'
import { REPORT_LIMITS } from '@nuancheng/shared/constants'
import { NcButton } from '../../../../components/NcButton'
import { PhotoGrid } from '../../../../components/PhotoGrid'
import { PhotoPicker, type PhotoPickerState } from '../../../../components/PhotoPicker'
import { RequireLogin } from '../../../../components/RequireLogin'
import { Sheet } from '../../../../components/Sheet'
import { StateView } from '../../../../components/StateView'
import { StatusTag } from '../../../../components/StatusTag'
import { Timeline } from '../../../../components/Timeline'
import { useAsync } from '../../../../hooks/useAsync'
import { approveReport, fetchReport, refreshReport, returnReport, saveReport, submitReport } from '../../../../services/reports'
import { errorMessage, joinUrl } from '../../../../services/request'
import { formatDate, formatDateTime } from '../../../../utils/format'
import { REPORT_TONES, charCount, hours } from '../../../../utils/reports'
import '../../reports.scss'

function Figures({ figures, onRefresh, refreshing }: { figures: ReportFigures; onRefresh?: () => void; refreshing: boolean }) {
  const count = (label: string, value: number, unit: string) => (
    <View className='report-figure'>
      <Text className='report-figure__value'>{value}</Text>
      <Text className='report-figure__label'>
        {label}（{unit}）
      </Text>
    </View>
  )
  return (
    <View className='nc-card report-figures' id='report-figures'>
      <Text className='report-figures__total'>
        累计服务时长 <Text id='figures-total'>{hours(figures.totalMinutes)}</Text>
      </Text>
      <View className='report-figures__grid'>
        {count('参加志愿服务活动', figures.activitiesAttended, '次')}
        {count('服务岗位值守', figures.postShifts, '次')}
        {count('圆梦微心愿', figures.wishesFulfilled, '个')}
        {count('参与民生实事', figures.projects, '次')}
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
      <View className='report-figures__foot'>
        <Text className='report-figures__time'>数据取自服务台账，更新于 {formatDateTime(figures.takenAt)}</Text>
        {onRefresh ? (
          <NcButton size='small' id='report-refresh' loading={refreshing} onClick={onRefresh}>
            更新数据
          </NcButton>
        ) : null}
      </View>
    </View>
  )
}

function Editor({ report, onSaved }: { report: Report; onSaved: (r: Report) => void }) {
  const [summary, setSummary] = useState(report.summary)
  const [kept, setKept] = useState(report.photos)
  const [picked, setPicked] = useState<PhotoPickerState>({ ids: [], busy: false, failed: 0 })
  const [pickerKey, setPickerKey] = useState(0)
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null)
  const max = REPORT_LIMITS.photosMax
  const input = () => ({ summary, photoIds: [...kept.map((p) => p.id), ...picked.ids] })

  const save = async (quiet = false) => {
    const saved = await saveReport(report.id, input())
    setKept(saved.photos)
    setPickerKey((k) => k + 1)
    if (!quiet) Taro.showToast({ title: '已保存', icon: 'success' })
    return saved
  }

  const run = async (what: 'save' | 'submit') => {
    if (picked.busy) return Taro.showToast({ title: '照片还在上传，请稍候', icon: 'none' })
    if (what === 'submit') {
      if (charCount(summary.trim()) < REPORT_LIMITS.summaryMinToSubmit)
        return Taro.showToast({ title: `请填写报告正文（至少 ${REPORT_LIMITS.summaryMinToSubmit} 个字）`, icon: 'none' })
      const { confirm } = await Taro.showModal({
        title: '提交报告',
        content: '提交后服务数据将按台账更新并交党支部书记审核，审核期间不能修改。确定提交吗？',
        confirmColor: '#c8161d'
      })
      if (!confirm) return
    }
    setBusy(what)
    try {
      const saved = await save(what === 'submit')
      onSaved(what === 'submit' ? await submitReport(saved.id) : saved)
      if (what === 'submit') Taro.showToast({ title: '已提交', icon: 'success' })
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
        id='report-summary'
        value={summary}
        maxlength={REPORT_LIMITS.summaryMax}
        autoHeight
        placeholder='写一写本半年参加报到、服务的情况，践行承诺的情况，以及下一步打算'
        onInput={(e) => setSummary(e.detail.value)}
      />
      <Text className='report-editor__count'>
        {charCount(summary)}/{REPORT_LIMITS.summaryMax}
      </Text>
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
      <View className='report-editor__buttons'>
        <NcButton id='report-save' loading={busy === 'save'} disabled={busy !== null} onClick={() => void run('save')}>
          保存草稿
        </NcButton>
        <NcButton type='primary' id='report-submit' loading={busy === 'submit'} disabled={busy !== null} onClick={() => void run('submit')}>
          {report.version ? '重新提交' : '提交报告'}
        </NcButton>
      </View>
    </View>
  )
}

function Review({ report, onDone }: { report: Report; onDone: (r: Report) => void }) {
  const [open, setOpen] = useState<'approve' | 'return' | null>(null)
  const [comment, setComment] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const confirm = async () => {
    if (open === 'return' && comment.trim().length < REPORT_LIMITS.returnCommentMin) return setError('退回时请写明修改意见')
    setBusy(true)
    setError(null)
    try {
      onDone(open === 'approve' ? await approveReport(report.id, comment.trim()) : await returnReport(report.id, comment.trim()))
      setOpen(null)
      setComment('')
    } catch (e) {
      setError(errorMessage(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='nc-actions report-review'>
      {report.actions.includes('approve') ? (
        <NcButton type='primary' block id='report-approve' onClick={() => setOpen('approve')}>
          审核通过
        </NcButton>
      ) : null}
      {report.actions.includes('return') ? (
        <NcButton block id='report-return' onClick={() => setOpen('return')}>
          退回修改
        </NcButton>
      ) : null}
      {open ? (
        <Sheet
          title={open === 'approve' ? '审核通过' : '退回修改'}
          hint={open === 'approve' ? '可填写审核意见（选填）' : '请写明需要补充或修改的内容，党员修改后可重新提交'}
          confirmText={open === 'approve' ? '确认通过' : '确认退回'}
          busy={busy}
          error={error}
          onConfirm={() => void confirm()}
          onClose={() => setOpen(null)}
        >
          <Textarea
            className='nc-textarea'
            id='review-comment'
            value={comment}
            maxlength={REPORT_LIMITS.commentMax}
            fixed
            placeholder={open === 'approve' ? '如：内容翔实，同意' : '如：请补充参加活动的具体情况'}
            onInput={(e) => setComment(e.detail.value)}
          />
        </Sheet>
      ) : null}
    </View>
  )
}

function ReportView({ id }: { id: string }) {
  const loaded = useAsync(id, () => fetchReport(id))
  const [report, setReport] = useState<Report | null>(null)
  const [refreshing, setRefreshing] = useState(false)
  useEffect(() => {
    if (loaded.status === 'success') setReport(loaded.data)
  }, [loaded.status, loaded.data])

  if (loaded.status === 'loading' && !report) return <StateView type='loading' />
  if (loaded.status === 'error')
    return <StateView type='error' title='打不开这份报告' message={loaded.error.message} actionText='重新加载' onAction={loaded.reload} />
  if (!report) return <StateView type='loading' />

  const editable = report.actions.includes('save')
  const refresh = async () => {
    setRefreshing(true)
    try {
      setReport(await refreshReport(report.id))
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
          <Text className='report-head__title'>{report.period.label}报告</Text>
          <StatusTag id='report-status' label={report.statusLabel} tone={REPORT_TONES[report.status]} />
        </View>
        <Text className='report-head__line'>
          {report.member.name} · {report.branch.name}
        </Text>
        <Text className={`report-head__line ${report.late ? 'nc-danger-text' : ''}`}>
          截止 {formatDate(new Date(new Date(report.deadline).getTime() - 1).toISOString())}
          {report.late ? ' · 已逾期' : ''}
          {report.version ? ` · 第 ${report.version} 版` : ''}
        </Text>
      </View>

      {returned ? (
        <View className='nc-card report-returned' id='return-comment'>
          <Text className='report-returned__title'>党支部退回意见</Text>
          <Text className='report-returned__text'>{returned.comment}</Text>
          <Text className='report-returned__by'>
            {returned.reviewer?.name ?? '党支部书记'} · {formatDateTime(returned.decidedAt)}
          </Text>
        </View>
      ) : null}

      <Figures figures={report.figures} refreshing={refreshing} onRefresh={report.actions.includes('refresh') ? () => void refresh() : undefined} />

      {editable ? (
        <Editor key={report.updatedAt} report={report} onSaved={setReport} />
      ) : (
        <View className='nc-card report-body'>
          <Text className='report-editor__label'>报告正文</Text>
          <Text className='report-body__text' id='report-text'>
            {report.summary || '（未填写）'}
          </Text>
          <PhotoGrid photos={report.photos} />
        </View>
      )}

      {report.assessments ? (
        <View className='nc-card report-assessments' id='assessments'>
          <Text className='report-editor__label'>街道、社区评价</Text>
          {report.assessments.length === 0 ? <Text className='report-assessment__none'>服务所在的街道、社区暂未评价</Text> : null}
          {report.assessments.map((a) => (
            <View key={a.id} className='report-assessment'>
              <View className='report-assessment__top'>
                <Text className='report-assessment__scope'>{a.scope.name}</Text>
                <Text className='report-assessment__grade'>{a.gradeLabel}</Text>
              </View>
              {a.comment ? <Text className='report-assessment__comment'>{a.comment}</Text> : null}
            </View>
          ))}
        </View>
      ) : null}

      <Review report={report} onDone={setReport} />

      {report.versions.length ? (
        <View className='nc-card report-versions' id='versions'>
          <Text className='report-editor__label'>提交记录与审核意见</Text>
          {report.versions.map((v) => (
            <View key={v.version} className='report-version' data-version={v.version}>
              <View className='report-version__top'>
                <Text className='report-version__title'>第 {v.version} 版</Text>
                <Text className='report-version__time'>提交于 {formatDateTime(v.submittedAt)}</Text>
              </View>
              <Text className='report-version__line'>服务时长 {hours(v.figures.totalMinutes)}</Text>
              <Text className='report-version__summary'>{v.summary}</Text>
              {v.decision ? (
                <Text className={`report-version__decision ${v.decision === 'returned' ? 'nc-danger-text' : ''}`}>
                  {v.decisionLabel}
                  {v.comment ? `：${v.comment}` : ''}（{v.reviewer?.name ?? '党支部书记'}）
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

/** 党员半年报告: the member writes and submits it; the branch secretary reads it with the streets' assessments and decides. */
export default function ReportPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  return (
    <View className='nc-page report-page'>
      <RequireLogin>{() => (id ? <ReportView id={id} /> : <StateView type='error' title='链接有误' message='缺少报告编号' />)}</RequireLogin>
    </View>
  )
}
