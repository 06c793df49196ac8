import { useEffect, useState, type ReactNode } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { TimelineEntry } from '@nuancheng/shared'
import { NcButton } from '../../../components/NcButton'
import { SignedInPage } from '../../../components/RequireLogin'
import { Sheet, SheetText } from '../../../components/Sheet'
import { StateView } from '../../../components/StateView'
import { StatusTag } from '../../../components/StatusTag'
import { Timeline } from '../../../components/Timeline'
import { useAsync } from '../../../hooks/useAsync'
import { useSheetSubmit } from '../../../hooks/useSheetSubmit'
import { formatDateTime } from '../../../utils/format'
import { charCount, REPORT_TONES } from '../../../utils/reports'

/**
 * The blocks the member's half-year report and the unit's annual report share (both: draft → submit → a reviewer
 * approves or returns with a comment → resubmit). Each page passes its ids, words and service calls.
 */

/** What both kinds of report version carry for the history block. */
interface VersionLike {
  version: number
  summary: string
  submittedAt: string
  decision: string | null
  decisionLabel: string | null
  comment: string | null
  reviewer: { name: string } | null
  decidedAt: string | null
}

/** One figure of the figures card: a big number and its label with the unit. */
export function FigureCount({ label, value, unit }: { label: string; value: number | string; unit: string }) {
  return (
    <View className='report-figure'>
      <Text className='report-figure__value'>{value}</Text>
      <Text className='report-figure__label'>
        {label}（{unit}）
      </Text>
    </View>
  )
}

/** The foot of the figures card: where the figures come from, when, and 更新数据 while the report may be refreshed. */
export function FiguresFoot({
  source,
  takenAt,
  buttonId,
  refreshing,
  onRefresh
}: {
  source: string
  takenAt: string
  buttonId: string
  refreshing: boolean
  onRefresh?: () => void
}) {
  return (
    <View className='report-figures__foot'>
      <Text className='report-figures__time'>
        数据取自{source}，更新于 {formatDateTime(takenAt)}
      </Text>
      {onRefresh ? (
        <NcButton size='small' id={buttonId} loading={refreshing} onClick={onRefresh}>
          更新数据
        </NcButton>
      ) : null}
    </View>
  )
}

/**
 * Loads a report by id and keeps the latest answer of any action; `refresh` re-reads the figures. Renders the
 * loading and error states itself: `view` is null while they show.
 */
export function useReport<R extends { id: string }>(
  id: string,
  fetch: (id: string) => Promise<R>,
  refreshFigures: (id: string) => Promise<R>,
  errorTitle: string
) {
  const loaded = useAsync(id, () => fetch(id))
  const [report, setReport] = useState<R | null>(null)
  const [refreshing, setRefreshing] = useState(false)
  useEffect(() => {
    if (loaded.status === 'success') setReport(loaded.data)
  }, [loaded.status, loaded.data])

  const refresh = async () => {
    if (!report) return
    setRefreshing(true)
    try {
      setReport(await refreshFigures(report.id))
    } catch {
      // Toasted.
    } finally {
      setRefreshing(false)
    }
  }
  let state: ReactNode = null
  if (loaded.status === 'loading' && !report) state = <StateView type='loading' />
  else if (loaded.status === 'error')
    state = <StateView type='error' title={errorTitle} message={loaded.error.message} actionText='重新加载' onAction={loaded.reload} />
  else if (!report) state = <StateView type='loading' />
  return { report: state ? null : report, state, setReport, refresh, refreshing }
}

/**
 * The editor's 保存草稿 / 提交 run: before a submit, the body must be long enough and the author confirms; `save`
 * stores the draft and returns it (保存草稿 then says 已保存), `submit` submits the stored draft.
 */
export function useEditorRun<R extends { id: string }>({
  summary,
  minToSubmit,
  confirmTitle,
  confirmContent,
  blocked,
  save,
  submit,
  onSaved
}: {
  summary: string
  minToSubmit: number
  confirmTitle: string
  confirmContent: string
  /** A reason to refuse both buttons now (e.g. photos still uploading), toasted. */
  blocked?: string | null
  save: () => Promise<R>
  submit: (id: string) => Promise<R>
  onSaved: (r: R) => void
}) {
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null)
  const run = async (what: 'save' | 'submit') => {
    if (blocked) return Taro.showToast({ title: blocked, icon: 'none' })
    if (what === 'submit') {
      if (charCount(summary.trim()) < minToSubmit) return Taro.showToast({ title: `请填写报告正文（至少 ${minToSubmit} 个字）`, icon: 'none' })
      const { confirm } = await Taro.showModal({ title: confirmTitle, content: confirmContent, confirmColor: '#c8161d' })
      if (!confirm) return
    }
    setBusy(what)
    try {
      const saved = await save()
      if (what === 'save') Taro.showToast({ title: '已保存', icon: 'success' })
      onSaved(what === 'submit' ? await submit(saved.id) : saved)
      if (what === 'submit') Taro.showToast({ title: '已提交', icon: 'success' })
    } catch {
      // Toasted by the request.
    } finally {
      setBusy(null)
    }
  }
  return { busy, run }
}

/** The body field of the editor with its character count. */
export function SummaryField({
  id,
  value,
  max,
  placeholder,
  onInput
}: {
  id: string
  value: string
  max: number
  placeholder: string
  onInput: (value: string) => void
}) {
  return (
    <>
      <Text className='report-editor__label'>报告正文</Text>
      <Textarea
        className='nc-textarea report-editor__text'
        id={id}
        value={value}
        maxlength={max}
        autoHeight
        placeholder={placeholder}
        onInput={(e) => onInput(e.detail.value)}
      />
      <Text className='report-editor__count'>
        {charCount(value)}/{max}
      </Text>
    </>
  )
}

/** 保存草稿 and the submit button of the editor (`#{prefix}-save`, `#{prefix}-submit`). */
export function EditorButtons({
  prefix,
  busy,
  submitText,
  onRun
}: {
  prefix: string
  busy: 'save' | 'submit' | null
  submitText: string
  onRun: (what: 'save' | 'submit') => Promise<unknown>
}) {
  return (
    <View className='report-editor__buttons'>
      <NcButton id={`${prefix}-save`} loading={busy === 'save'} disabled={busy !== null} onClick={() => void onRun('save')}>
        保存草稿
      </NcButton>
      <NcButton type='primary' id={`${prefix}-submit`} loading={busy === 'submit'} disabled={busy !== null} onClick={() => void onRun('submit')}>
        {submitText}
      </NcButton>
    </View>
  )
}

/** One street's or community's grade with its comment. */
export function AssessmentItem({ scope, grade, comment }: { scope: string; grade: string; comment: string | null }) {
  return (
    <View className='report-assessment'>
      <View className='report-assessment__top'>
        <Text className='report-assessment__scope'>{scope}</Text>
        <Text className='report-assessment__grade'>{grade}</Text>
      </View>
      {comment ? <Text className='report-assessment__comment'>{comment}</Text> : null}
    </View>
  )
}

/** The reviewer's comment on the returned version, shown above a returned report. */
export function ReturnedNote({
  id,
  title,
  reviewer,
  report
}: {
  id: string
  title: string
  reviewer: string
  report: { status: string; versions: VersionLike[] }
}) {
  const returned = report.status === 'returned' ? report.versions.find((v) => v.decision === 'returned') : undefined
  if (!returned) return null
  return (
    <View className='nc-card report-returned' id={id}>
      <Text className='report-returned__title'>{title}</Text>
      <Text className='report-returned__text'>{returned.comment}</Text>
      <Text className='report-returned__by'>
        {returned.reviewer?.name ?? reviewer} · {formatDateTime(returned.decidedAt)}
      </Text>
    </View>
  )
}

/** A report page for the signed-in: the report `?id=` names, in `view`. */
export function ReportPage({ view: ReportView }: { view: (props: { id: string }) => ReactNode }) {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  return (
    <SignedInPage className='report-page'>
      {() => (id ? <ReportView id={id} /> : <StateView type='error' title='链接有误' message='缺少报告编号' />)}
    </SignedInPage>
  )
}

/** The report's title and status (`#{statusId}`), its lines (who, which version) under them. */
export function ReportHead({
  title,
  statusId,
  report,
  children
}: {
  title: string
  statusId: string
  report: { status: keyof typeof REPORT_TONES; statusLabel: string }
  children: ReactNode
}) {
  return (
    <View className='nc-card report-head'>
      <View className='report-head__top'>
        <Text className='report-head__title'>{title}</Text>
        <StatusTag id={statusId} label={report.statusLabel} tone={REPORT_TONES[report.status]} />
      </View>
      {children}
    </View>
  )
}

/** The report's text once it may no longer be edited. */
export function ReportBody({ id, summary, children }: { id: string; summary: string; children?: ReactNode }) {
  return (
    <View className='nc-card report-body'>
      <Text className='report-editor__label'>报告正文</Text>
      <Text className='report-body__text' id={id}>
        {summary || '（未填写）'}
      </Text>
      {children}
    </View>
  )
}

/** 提交记录与审核意见: every submitted version with its decision; `line` adds a line under a version's title. */
export function ReportVersions<V extends VersionLike>({
  id,
  versions,
  reviewer,
  line
}: {
  id: string
  versions: V[]
  reviewer: string
  line?: (v: V) => ReactNode
}) {
  if (!versions.length) return null
  return (
    <View className='nc-card report-versions' id={id}>
      <Text className='report-editor__label'>提交记录与审核意见</Text>
      {versions.map((v) => (
        <View key={v.version} className='report-version' data-version={v.version}>
          <View className='report-version__top'>
            <Text className='report-version__title'>第 {v.version} 版</Text>
            <Text className='report-version__time'>提交于 {formatDateTime(v.submittedAt)}</Text>
          </View>
          {line?.(v)}
          <Text className='report-version__summary'>{v.summary}</Text>
          {v.decision ? (
            <Text className={`report-version__decision ${v.decision === 'returned' ? 'nc-danger-text' : ''}`}>
              {v.decisionLabel}
              {v.comment ? `：${v.comment}` : ''}（{v.reviewer?.name ?? reviewer}）
            </Text>
          ) : (
            <Text className='report-version__decision'>等待审核</Text>
          )}
        </View>
      ))}
    </View>
  )
}

/** 办理记录 under the report. */
export function ReportTrail({ items }: { items: TimelineEntry[] }) {
  return (
    <>
      <View className='nc-section-title'>办理记录</View>
      <View className='nc-card'>
        <Timeline items={items} />
      </View>
    </>
  )
}

/**
 * 审核通过 / 退回修改 with the comment sheet, for a reviewer offered those actions. Ids: `#{prefix}-approve`,
 * `#{prefix}-return`, and the sheet's comment `#{commentId}`.
 */
export function ReviewActions<R>({
  actions,
  prefix,
  commentId,
  returnHint,
  returnPlaceholder,
  limits,
  decide,
  onDone,
  hideIdle
}: {
  actions: readonly string[]
  prefix: string
  commentId: string
  returnHint: string
  returnPlaceholder: string
  limits: { returnCommentMin: number; commentMax: number }
  decide: (decision: 'approve' | 'return', comment: string) => Promise<R>
  onDone: (r: R) => void
  /** Render nothing (not even the empty button row) when neither action is offered. */
  hideIdle?: boolean
}) {
  const [open, setOpen] = useState<'approve' | 'return' | null>(null)
  const [comment, setComment] = useState('')
  const { busy, error, setError, submit: send } = useSheetSubmit()
  const confirm = async () => {
    if (!open) return
    if (open === 'return' && comment.trim().length < limits.returnCommentMin) return setError('退回时请写明修改意见')
    await send(async () => {
      onDone(await decide(open, comment.trim()))
      setOpen(null)
      setComment('')
    })
  }
  if (hideIdle && !actions.includes('approve') && !actions.includes('return')) return null
  return (
    <View className='nc-actions report-review'>
      {actions.includes('approve') ? (
        <NcButton type='primary' block id={`${prefix}-approve`} onClick={() => setOpen('approve')}>
          审核通过
        </NcButton>
      ) : null}
      {actions.includes('return') ? (
        <NcButton block id={`${prefix}-return`} onClick={() => setOpen('return')}>
          退回修改
        </NcButton>
      ) : null}
      {open ? (
        <Sheet
          title={open === 'approve' ? '审核通过' : '退回修改'}
          hint={open === 'approve' ? '可填写审核意见（选填）' : returnHint}
          confirmText={open === 'approve' ? '确认通过' : '确认退回'}
          busy={busy}
          error={error}
          onConfirm={() => void confirm()}
          onClose={() => setOpen(null)}
        >
          <SheetText
            id={commentId}
            value={comment}
            max={limits.commentMax}
            placeholder={open === 'approve' ? '如：内容翔实，同意' : returnPlaceholder}
            onInput={setComment}
          />
        </Sheet>
      ) : null}
    </View>
  )
}
