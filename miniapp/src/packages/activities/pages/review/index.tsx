import { useCallback, useEffect, useState } from 'react'
import { Input, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { AttendanceItem, AttendanceList, HoursDecision } from '@nuancheng/shared'
import { NcButton } from '../../../../components/NcButton'
import { Sheet, SheetText } from '../../../../components/Sheet'
import { StateView } from '../../../../components/StateView'
import { approveAllHours, fetchAttendances, reviewHours } from '../../../../services/activities'
import { errorMessage } from '../../../../services/request'
import { minutesText } from '../../../../utils/activities'
import { AttendanceRow } from '../../components/AttendanceRow'
import '../../styles.scss'

/** The organiser's hours review: approve all, confirm a 未签退 to the end, adjust or reject one with a reason. */
function Review({ id }: { id: string }) {
  const [list, setList] = useState<AttendanceList | null>(null)
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const [sheet, setSheet] = useState<{ item: AttendanceItem; decision: 'adjust' | 'reject' } | null>(null)
  const [minutes, setMinutes] = useState('')
  const [reason, setReason] = useState('')
  const load = useCallback(() => {
    fetchAttendances(id).then(setList, (e: unknown) => setError(errorMessage(e, '加载失败')))
  }, [id])
  useEffect(load, [load])

  if (!list)
    return error ? <StateView type='error' title='加载失败' message={error} actionText='重新加载' onAction={load} /> : <StateView type='loading' />
  const rows = list.items.filter((i) => i.hours)
  const ready = rows.filter((i) => i.hours!.status === 'pending' && !i.hours!.missingCheckout).length

  const run = async (work: () => Promise<AttendanceList>, done: string) => {
    setBusy(true)
    try {
      setList(await work())
      Taro.showToast({ title: done, icon: 'success' })
      return true
    } catch {
      return false
    } finally {
      setBusy(false)
    }
  }
  const decide = (item: AttendanceItem, decision: HoursDecision) =>
    run(() => reviewHours(id, item.id, { decision }), decision === 'confirm' ? '已确认' : '已通过')
  const openSheet = (item: AttendanceItem, decision: 'adjust' | 'reject') => {
    setMinutes(String(item.hours!.minutes))
    setReason('')
    setSheet({ item, decision })
  }
  const confirmSheet = async () => {
    if (!sheet) return
    if (reason.trim().length < 2) return Taro.showToast({ title: '请写明原因', icon: 'none' })
    const m = Number(minutes)
    if (sheet.decision === 'adjust' && (!Number.isInteger(m) || m < 1)) return Taro.showToast({ title: '请填写分钟数', icon: 'none' })
    const ok = await run(
      () =>
        reviewHours(
          id,
          sheet.item.id,
          sheet.decision === 'adjust' ? { decision: 'adjust', minutes: m, reason: reason.trim() } : { decision: 'reject', reason: reason.trim() }
        ),
      sheet.decision === 'adjust' ? '已调整' : '已处理'
    )
    if (ok) setSheet(null)
  }

  if (list.activity.status !== 'ended')
    return <StateView type='empty' title='活动结束后审核时长' message='活动结束（或签退关闭）后，这里会列出每位党员的服务时长' />
  return (
    <View id='hours-review'>
      <View className='nc-hint'>
        <Text>时长 = 签到至签退与活动时间的重叠部分。未签退的党员需您确认才计至活动结束。3 天内未审核的将自动通过。</Text>
      </View>
      {ready ? (
        <View className='nc-actions'>
          <NcButton
            type='primary'
            block
            id='approve-all'
            loading={busy}
            onClick={() => void run(() => approveAllHours(id).then((r) => r.list), '已全部通过')}
          >
            一键通过（{ready} 人）
          </NcButton>
        </View>
      ) : null}
      {rows.length === 0 ? <StateView type='empty' title='没有需要审核的时长' message='没有党员签到' /> : null}
      {rows.map((item) => (
        <AttendanceRow key={item.id} item={item}>
          {item.hours!.status === 'pending' ? (
            <View className='att-row__buttons'>
              <NcButton size='small' className='hours-adjust' onClick={() => openSheet(item, 'adjust')}>
                调整
              </NcButton>
              <NcButton size='small' className='hours-reject' onClick={() => openSheet(item, 'reject')}>
                不通过
              </NcButton>
              {item.hours!.missingCheckout ? (
                <NcButton size='small' type='primary' className='hours-confirm' onClick={() => void decide(item, 'confirm')}>
                  确认计至结束
                </NcButton>
              ) : (
                <NcButton size='small' type='primary' className='hours-approve' onClick={() => void decide(item, 'approve')}>
                  通过
                </NcButton>
              )}
            </View>
          ) : null}
        </AttendanceRow>
      ))}
      {sheet ? (
        <Sheet
          title={sheet.decision === 'adjust' ? `调整 ${sheet.item.member.name} 的时长` : `${sheet.item.member.name} 的时长不通过`}
          hint={`按签到签退计算为 ${minutesText(sheet.item.hours!.minutes)}`}
          busy={busy}
          onConfirm={() => void confirmSheet()}
          onClose={() => setSheet(null)}
        >
          {sheet.decision === 'adjust' ? (
            <Input
              className='nc-input'
              id='adjust-minutes'
              type='number'
              value={minutes}
              placeholder='分钟数'
              onInput={(e) => setMinutes(e.detail.value)}
            />
          ) : null}
          <SheetText id='review-reason' value={reason} max={200} placeholder='请写明原因（党员会收到通知）' onInput={setReason} />
        </Sheet>
      ) : null}
    </View>
  )
}

export default function HoursReviewPage() {
  const { params } = useRouter()
  return <View className='nc-page hours-review-page'>{params.id ? <Review id={params.id} /> : <StateView type='error' title='链接有误' />}</View>
}
