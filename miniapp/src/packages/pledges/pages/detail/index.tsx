import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { Pledge, PledgeOfferedAction, TimelineEntry } from '@nuancheng/shared'
import { ErrorCode, PLEDGE_ASSESSOR_LABELS, PLEDGE_GRADE_LABELS, PLEDGE_GRADES, PLEDGE_LIMITS as L } from '@nuancheng/shared/constants'
import { Chips } from '../../../../components/Chips'
import { NcButton } from '../../../../components/NcButton'
import { PhotoGrid } from '../../../../components/PhotoGrid'
import { PhotoPicker, type PhotoPickerState } from '../../../../components/PhotoPicker'
import { Sheet, SheetText } from '../../../../components/Sheet'
import { StateView } from '../../../../components/StateView'
import { StatusTag } from '../../../../components/StatusTag'
import { Timeline } from '../../../../components/Timeline'
import { useReshow } from '../../../../hooks/useReshow'
import { useSession } from '../../../../hooks/useSession'
import { useSheetSubmit } from '../../../../hooks/useSheetSubmit'
import { assessPledge, completePledge, fetchPledge, fetchPledgeTimeline, postPledgeProgress, reviewPledge } from '../../../../services/pledges'
import { ApiRequestError, hasErrorCode, isApiRequestError } from '../../../../services/request'
import { formatDate, formatDateTime } from '../../../../utils/format'
import { backOrHome, go } from '../../../../utils/navigation'
import { noteError, PLEDGE_ACTION_LABELS, pledgeStatusLabel, pledgeStatusTone } from '../../../../utils/pledges'
import './index.scss'

type Grade = (typeof PLEDGE_GRADES)[number]

const HINTS: Partial<Record<PledgeOfferedAction, string>> = {
  approve: '审核通过后即为亮诺，承诺将在党员居住社区的页面公示。',
  return: '请写明需要修改的地方，党员修改后会重新提交。',
  progress: '写下近期践诺的进展，可附照片。',
  complete: '写明做了什么、达到了什么目标，可附照片作为践诺凭证。',
  assess_branch: '党支部对该党员的践诺情况作出评价，每项承诺只评一次。',
  assess_community: '社区对该党员在社区的践诺情况作出评价，每项承诺只评一次。'
}

/** One pledge for every role: the pledge, its progress and evidence, the assessments, the timeline and the caller's buttons. */
export default function PledgeDetailPage() {
  const { params } = useRouter()
  const id = params.id ? decodeURIComponent(params.id) : ''
  const { me } = useSession()
  const [pledge, setPledge] = useState<Pledge | null>(null)
  const [loadError, setLoadError] = useState<ApiRequestError | null>(null)
  const [timeline, setTimeline] = useState<TimelineEntry[]>([])
  const version = useRef(0)

  const load = useCallback(
    (quiet: boolean) => {
      if (!id) return
      const v = ++version.current
      if (!quiet) {
        setPledge(null)
        setLoadError(null)
      }
      fetchPledge(id).then(
        (p) => v === version.current && setPledge(p),
        (e: unknown) =>
          v === version.current && !quiet && setLoadError(isApiRequestError(e) ? e : new ApiRequestError(0, 'UNKNOWN', '加载失败，请稍后重试'))
      )
      // Only those the pledge concerns may read its timeline; anyone else simply sees none.
      fetchPledgeTimeline(id).then(
        (t) => setTimeline(t.items),
        () => setTimeline([])
      )
    },
    [id]
  )
  useEffect(() => load(false), [load, me?.id])

  const [open, setOpen] = useState<PledgeOfferedAction | null>(null)
  const [note, setNote] = useState('')
  const [grade, setGrade] = useState<Grade | ''>('')
  const [photos, setPhotos] = useState<PhotoPickerState>({ ids: [], busy: false, failed: 0 })
  const { busy, error, setError, submit: send } = useSheetSubmit()
  const sheetOpen = useRef(false)
  sheetOpen.current = open !== null
  useReshow(() => {
    if (!sheetOpen.current) load(true)
  })

  if (!id) {
    return (
      <View className='nc-page pledge-detail'>
        <StateView type='error' title='链接有误' message='没有指定要查看的承诺' actionText='返回' onAction={backOrHome} />
      </View>
    )
  }
  if (!pledge) {
    return (
      <View className='nc-page pledge-detail'>
        {loadError ? (
          <StateView
            type='error'
            title={loadError.code === ErrorCode.NotFound ? '没有找到这项承诺' : '承诺加载失败'}
            message={loadError.message}
            actionText='返回'
            onAction={backOrHome}
            secondaryText={loadError.code === ErrorCode.NotFound ? undefined : '重新加载'}
            onSecondary={() => load(false)}
          />
        ) : (
          <StateView type='loading' title='正在加载承诺…' />
        )}
      </View>
    )
  }

  const start = (action: PledgeOfferedAction) => {
    if (action === 'revise') {
      go(`/packages/pledges/pages/form/index?id=${encodeURIComponent(pledge.id)}`)
      return
    }
    setNote('')
    setGrade('')
    setPhotos({ ids: [], busy: false, failed: 0 })
    setError(null)
    setOpen(action)
  }

  const submit = async () => {
    if (!open) return
    let run: () => Promise<Pledge>
    let problem: string | null = null
    const text = note.trim()
    if (open === 'approve') run = () => reviewPledge(pledge.id, { decision: 'approve' })
    else if (open === 'return') {
      problem = noteError(text, L.reasonMin, L.reasonMax, '退回原因')
      run = () => reviewPledge(pledge.id, { decision: 'return', reason: text })
    } else if (open === 'progress' || open === 'complete') {
      problem = photos.busy
        ? '照片还在上传，请稍候'
        : photos.failed
          ? '有照片上传失败，请重试或删除'
          : noteError(text, L.noteMin, L.noteMax, open === 'progress' ? '进展情况' : '践诺情况')
      run =
        open === 'progress'
          ? () => postPledgeProgress(pledge.id, { note: text, photoIds: photos.ids })
          : () => completePledge(pledge.id, { evidence: text, photoIds: photos.ids })
    } else {
      problem = grade ? noteError(text, L.commentMin, L.commentMax, '评语') : '请选择评价等次'
      const as = open === 'assess_branch' ? 'branch' : 'community'
      run = () => assessPledge(pledge.id, { grade: grade as Grade, comment: text, as })
    }
    if (problem) return setError(problem)
    await send(
      async () => {
        const next = await run()
        version.current++
        setPledge(next)
        setOpen(null)
        Taro.showToast({ title: '已提交', icon: 'success' })
        fetchPledgeTimeline(pledge.id).then(
          (t) => setTimeline(t.items),
          () => undefined
        )
      },
      (e) => {
        if (hasErrorCode(e, ErrorCode.WrongState)) load(true)
      }
    )
  }

  const p = pledge
  return (
    <View className='nc-page pledge-detail' id='pledge-detail' data-id={p.id}>
      <View className='pledge-head'>
        <View className='pledge-head__top'>
          <Text className='pledge-head__year'>{p.year} 年承诺</Text>
          <StatusTag id='pledge-status' label={pledgeStatusLabel(p.status)} tone={pledgeStatusTone(p.status)} />
        </View>
        <Text className='pledge-head__content' id='pledge-content'>
          {p.content}
        </Text>
        <Text className='pledge-head__line'>目标：{p.target}</Text>
        <Text className='pledge-head__line'>
          截止：{p.dueDate}
          {p.overdue ? <Text className='nc-danger-text'>（已超期）</Text> : null}
        </Text>
        <Text className='pledge-head__line'>类别：{p.category}</Text>
        <Text className='pledge-head__line' id='pledge-member'>
          {p.member.name} · {p.branch.name}
        </Text>
        <Text className='pledge-head__line'>居住社区：{p.community.name}</Text>
        {p.returnReason ? (
          <Text className='pledge-head__return' id='pledge-return-reason'>
            退回原因：{p.returnReason}
          </Text>
        ) : null}
      </View>

      {p.actions.length ? (
        <View className='pledge-actions'>
          {p.actions.map((a) => (
            <NcButton key={a} id={`action-${a}`} type={a === 'return' || a === 'progress' ? 'plain' : 'primary'} block onClick={() => start(a)}>
              {PLEDGE_ACTION_LABELS[a]}
            </NcButton>
          ))}
        </View>
      ) : null}

      {p.progress.length ? (
        <View className='pledge-section' id='pledge-progress'>
          <View className='nc-section-title'>践诺进展</View>
          {p.progress.map((u) => (
            <View key={u.id} className='pledge-item'>
              <Text className='pledge-item__time'>{formatDateTime(u.at)}</Text>
              <Text className='pledge-item__text'>{u.note}</Text>
              <PhotoGrid photos={u.photos} />
            </View>
          ))}
        </View>
      ) : null}

      {p.evidence ? (
        <View className='pledge-section' id='pledge-evidence'>
          <View className='nc-section-title'>践诺情况{p.doneAt ? ` · ${formatDate(p.doneAt)}` : ''}</View>
          <View className='pledge-item'>
            <Text className='pledge-item__text'>{p.evidence.note}</Text>
            <PhotoGrid photos={p.evidence.photos} />
          </View>
        </View>
      ) : null}

      {p.assessments.length ? (
        <View className='pledge-section' id='pledge-assessments'>
          <View className='nc-section-title'>评诺</View>
          {p.assessments.map((a) => (
            <View key={a.kind} className='pledge-item' data-kind={a.kind}>
              <View className='pledge-item__head'>
                <Text className='pledge-item__who'>
                  {PLEDGE_ASSESSOR_LABELS[a.kind]} · {a.assessorName}
                </Text>
                <Text className='pledge-item__grade'>{PLEDGE_GRADE_LABELS[a.grade]}</Text>
              </View>
              <Text className='pledge-item__text'>{a.comment}</Text>
            </View>
          ))}
        </View>
      ) : null}

      {timeline.length ? (
        <View className='pledge-section'>
          <View className='nc-section-title'>办理过程</View>
          <View className='pledge-item'>
            <Timeline items={timeline} />
          </View>
        </View>
      ) : null}

      {open ? (
        <Sheet
          title={PLEDGE_ACTION_LABELS[open]}
          hint={HINTS[open]}
          confirmText={open === 'approve' ? '确认通过' : '提交'}
          busy={busy}
          error={error}
          onConfirm={submit}
          onClose={() => !busy && setOpen(null)}
        >
          {open === 'assess_branch' || open === 'assess_community' ? (
            <Chips id='assess-grade' options={PLEDGE_GRADES} labels={PLEDGE_GRADE_LABELS} value={grade} onChange={setGrade} />
          ) : null}
          {open !== 'approve' ? (
            <SheetText
              id='pledge-note'
              value={note}
              max={open === 'return' ? L.reasonMax : open.startsWith('assess') ? L.commentMax : L.noteMax}
              placeholder={open === 'return' ? '如：目标请写明次数' : open.startsWith('assess') ? '评语' : '如：本月为 6 位老人理发'}
              onInput={setNote}
            />
          ) : null}
          {open === 'progress' || open === 'complete' ? (
            <View style={{ marginTop: '24px' }}>
              <PhotoPicker id='pledge-photos' max={L.photosMax} onChange={setPhotos} />
            </View>
          ) : null}
        </Sheet>
      ) : null}
    </View>
  )
}
