import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import type { AttendanceList } from '@nuancheng/shared'
import { ATTENDANCE_STATUS_LABELS } from '@nuancheng/shared/constants'
import { Chips } from '../../../../components/Chips'
import { Field } from '../../../../components/Field'
import { TextField } from '../../../../components/TextField'
import { NcButton } from '../../../../components/NcButton'
import { StateView } from '../../../../components/StateView'
import { useSubmit } from '../../../../hooks/useSubmit'
import { fetchAttendances, recordAttendance } from '../../../../services/activities'
import { errorMessage } from '../../../../services/request'
import '../../styles.scss'

type When = 'start' | 'now' | 'end' | 'none'

/** The organiser records a member's attendance by hand: from the list, or by the roster phone; with a reason (audited). */
function Manual({ id }: { id: string }) {
  const [list, setList] = useState<AttendanceList | null>(null)
  const [error, setError] = useState('')
  const [who, setWho] = useState<string>('')
  const [phone, setPhone] = useState('')
  const [inAt, setInAt] = useState<When>('start')
  const [outAt, setOutAt] = useState<When>('none')
  const [reason, setReason] = useState('')
  const { busy, submit: send } = useSubmit()
  useEffect(() => {
    fetchAttendances(id).then(setList, (e: unknown) => setError(errorMessage(e, '加载失败')))
  }, [id])
  if (!list) return error ? <StateView type='error' title='加载失败' message={error} /> : <StateView type='loading' />
  const a = list.activity
  const candidates = list.items.filter((i) => i.status !== 'checked_out')
  const time = (w: When): string | undefined => {
    const now = Date.now()
    if (w === 'start') return new Date(Math.min(new Date(a.startAt).getTime(), now)).toISOString()
    if (w === 'end') return new Date(Math.min(new Date(a.endAt).getTime(), now)).toISOString()
    if (w === 'now') return new Date(now).toISOString()
    return undefined
  }
  const submit = async () => {
    if (!who && !/^1[3-9]\d{9}$/.test(phone.trim())) return Taro.showToast({ title: '请选择名单中的党员，或填写党员的手机号', icon: 'none' })
    if (reason.trim().length < 2) return Taro.showToast({ title: '请写明补录原因', icon: 'none' })
    const target = who ? candidates.find((c) => c.id === who) : undefined
    await send(
      () =>
        recordAttendance(a.id, {
          ...(target ? { memberId: target.member.id } : { phone: phone.trim() }),
          ...(target?.status === 'checked_in' ? {} : { checkedInAt: time(inAt) }),
          ...(outAt === 'none' ? {} : { checkedOutAt: time(outAt) }),
          reason: reason.trim()
        }),
      { toast: '已补录' }
    )
  }
  return (
    <View id='manual-form'>
      <View className='nc-form'>
        {candidates.length ? (
          <Field label='名单中的党员'>
            <Chips
              id='manual-member'
              options={['', ...candidates.map((c) => c.id)]}
              labels={{
                '': '不在名单中',
                ...Object.fromEntries(
                  candidates.map((c) => [c.id, `${c.member.name}（${c.status === 'checked_in' ? ATTENDANCE_STATUS_LABELS.checked_in : '未签到'}）`])
                )
              }}
              value={who}
              onChange={setWho}
            />
          </Field>
        ) : null}
        {!who ? (
          <TextField
            label='党员手机号'
            hint='与党员名单一致的手机号'
            id='manual-phone'
            type='number'
            value={phone}
            max={11}
            placeholder='11 位手机号'
            onInput={setPhone}
          />
        ) : null}
        <Field label='签到时间'>
          <Chips id='manual-in' options={['start', 'now'] as const} labels={{ start: '活动开始', now: '现在' }} value={inAt} onChange={setInAt} />
        </Field>
        <Field label='签退时间'>
          <Chips
            id='manual-out'
            options={['none', 'end', 'now'] as const}
            labels={{ none: '暂不签退', end: '活动结束', now: '现在' }}
            value={outAt}
            onChange={setOutAt}
          />
        </Field>
        <TextField
          label='补录原因'
          required
          id='manual-reason'
          value={reason}
          max={200}
          placeholder='如：老党员没有智能手机，现场登记'
          multiline
          onInput={setReason}
        />
      </View>
      <View className='nc-actions'>
        <NcButton type='primary' block id='submit-manual' loading={busy} onClick={() => void submit()}>
          确认补录
        </NcButton>
      </View>
      <View className='nc-hint'>
        <Text>补录会记录您的姓名、时间和原因，可供核查。</Text>
      </View>
    </View>
  )
}

export default function ManualAttendancePage() {
  const { params } = useRouter()
  return <View className='nc-page manual-attendance'>{params.id ? <Manual id={params.id} /> : <StateView type='error' title='链接有误' />}</View>
}
