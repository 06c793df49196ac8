import { useState } from 'react'
import { Input, Picker, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { POST_LIMITS } from '@nuancheng/shared/constants'
import { Chips } from '../../../../components/Chips'
import { Field } from '../../../../components/Field'
import { TextField } from '../../../../components/TextField'
import { NcButton } from '../../../../components/NcButton'
import { PhotoPicker, type PhotoPickerState } from '../../../../components/PhotoPicker'
import { SignedInPage } from '../../../../components/RequireLogin'
import { StateView } from '../../../../components/StateView'
import { useSubmit } from '../../../../hooks/useSubmit'
import { logShift } from '../../../../services/posts'
import { beijingDate, shiftFormError } from '../../../../utils/members-posts'
import './index.scss'

const DAYS = ['0', '1', '2'] as const
const DAY_LABELS = { '0': '今天', '1': '昨天', '2': '前天' }
const QUICK_MINUTES = ['30', '60', '90', '120', '180'] as const
const MINUTE_LABELS = { '30': '半小时', '60': '1 小时', '90': '1.5 小时', '120': '2 小时', '180': '3 小时' }

function ShiftForm({ holdingId }: { holdingId: string }) {
  const [date, setDate] = useState(beijingDate(0))
  const [minutes, setMinutes] = useState('')
  const [content, setContent] = useState('')
  const [photos, setPhotos] = useState<PhotoPickerState>({ ids: [], busy: false, failed: 0 })
  const [error, setError] = useState<{ field: string; message: string } | null>(null)
  const { busy, submit: send } = useSubmit()
  const day = DAYS.find((d) => beijingDate(Number(d)) === date) ?? null
  const errorOf = (field: string) => (error?.field === field ? error.message : null)

  const submit = async () => {
    const problem = shiftFormError({ date, minutes, content }, photos)
    if (problem) {
      setError(problem)
      Taro.showToast({ title: problem.message, icon: 'none' })
      return
    }
    // The server refuses a date out of range or too long a day's total; request() shows its message.
    await send(() => logShift(holdingId, { date, minutes: Number(minutes.trim()), content: content.trim(), photoIds: photos.ids }), {
      toast: '已提交，等待社区确认'
    })
  }

  return (
    <View id='shift-form'>
      <View className='nc-form'>
        <Field label='值守日期' required error={errorOf('date')} hint={`可登记 ${POST_LIMITS.shiftMaxAgeDays} 天内的值守`}>
          <Chips id='shift-day' options={DAYS} labels={DAY_LABELS} value={day} onChange={(d) => setDate(beijingDate(Number(d)))} />
          <Picker
            mode='date'
            value={date}
            end={beijingDate(0)}
            start={beijingDate(POST_LIMITS.shiftMaxAgeDays)}
            onChange={(e) => setDate(e.detail.value)}
          >
            <View className='nc-picker' id='shift-date'>
              {date}（点此选择其他日期）
            </View>
          </Picker>
        </Field>
        <Field
          label='服务时长（分钟）'
          required
          error={errorOf('minutes')}
          hint={`${POST_LIMITS.shiftMinutesMin}–${POST_LIMITS.shiftMinutesMax} 分钟`}
        >
          <Chips
            id='shift-quick-minutes'
            options={QUICK_MINUTES}
            labels={MINUTE_LABELS}
            value={(QUICK_MINUTES as readonly string[]).includes(minutes) ? (minutes as (typeof QUICK_MINUTES)[number]) : null}
            onChange={setMinutes}
          />
          <Input
            className='nc-input'
            id='shift-minutes'
            type='number'
            value={minutes}
            placeholder='如：90'
            onInput={(e) => setMinutes(e.detail.value)}
          />
        </Field>
        <TextField
          label='做了什么'
          required
          error={errorOf('content')}
          id='shift-content'
          value={content}
          max={POST_LIMITS.shiftContentMax}
          placeholder='如：在小区宣传栏张贴医保政策，为 5 位老人讲解'
          multiline
          onInput={setContent}
        />
        <Field label='现场照片（选填）' error={errorOf('photos')}>
          <PhotoPicker id='shift-photos' max={POST_LIMITS.shiftPhotosMax} onChange={setPhotos} />
        </Field>
      </View>
      <View className='nc-actions'>
        <NcButton type='primary' block id='submit-shift' loading={busy} onClick={submit}>
          提交值守记录
        </NcButton>
      </View>
      <View className='nc-hint'>
        <Text>社区工作者确认后，服务时长计入您的服务台账。</Text>
      </View>
    </View>
  )
}

/** 登记值守: date, minutes, what was done, optional photos. */
export default function ShiftPage() {
  const { params } = useRouter()
  return (
    <SignedInPage className='shift'>
      {() => (params.holdingId ? <ShiftForm holdingId={params.holdingId} /> : <StateView type='empty' title='请从“我的岗位”登记值守' />)}
    </SignedInPage>
  )
}
