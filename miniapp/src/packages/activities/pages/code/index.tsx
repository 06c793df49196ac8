import { useEffect, useRef, useState } from 'react'
import { Image, Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import type { CheckinCode } from '@nuancheng/shared'
import { ATTENDANCE_STATUS_LABELS } from '@nuancheng/shared/constants'
import { NcButton } from '../../../../components/NcButton'
import { StateView } from '../../../../components/StateView'
import { fetchAttendances, fetchCheckinCode } from '../../../../services/activities'
import { errorMessage } from '../../../../services/request'
import { go } from '../../../../utils/navigation'
import '../../styles.scss'

/**
 * The organiser's rotating check-in code, full-screen: a new server-signed code every 30 seconds (fetched just after
 * the old one's window ends), the screen kept on, and how many have checked in so far.
 */
function Code({ id }: { id: string }) {
  const [code, setCode] = useState<CheckinCode | null>(null)
  const [error, setError] = useState('')
  const [checkedIn, setCheckedIn] = useState<number | null>(null)
  const [title, setTitle] = useState('')
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const visible = useRef(true)

  const refresh = async () => {
    if (timer.current) clearTimeout(timer.current)
    try {
      const next = await fetchCheckinCode(id)
      setCode(next)
      setError('')
      const wait = Math.max(1000, new Date(next.expiresAt).getTime() - Date.now() + 300)
      if (visible.current) timer.current = setTimeout(() => void refresh(), wait)
      fetchAttendances(id).then(
        (list) => {
          setCheckedIn(list.counts.checkedIn + list.counts.checkedOut)
          setTitle(list.activity.title)
        },
        () => undefined
      )
    } catch (e) {
      setError(errorMessage(e, '签到码获取失败'))
      // A network blip: try again shortly, the page stays on.
      if (visible.current) timer.current = setTimeout(() => void refresh(), 5000)
    }
  }

  useEffect(() => {
    void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined)
    void refresh()
    return () => {
      if (timer.current) clearTimeout(timer.current)
    }
  }, [id])
  useDidShow(() => {
    if (!visible.current) {
      visible.current = true
      void refresh()
    }
  })
  useDidHide(() => {
    visible.current = false
    if (timer.current) clearTimeout(timer.current)
  })

  if (!code)
    return error ? (
      <StateView type='error' title='无法出示签到码' message={error} actionText='重试' onAction={() => void refresh()} />
    ) : (
      <StateView type='loading' />
    )
  return (
    <View className='act-code' id='checkin-code'>
      <Text className='act-code__title'>{title || '活动签到'}</Text>
      <View className='act-code__qr-box'>
        <Image
          className='act-code__qr'
          id='checkin-qr'
          ariaLabel='活动签到二维码'
          src={code.qrDataUrl}
          mode='aspectFit'
          showMenuByLongpress={false}
        />
      </View>
      <Text className='act-code__hint'>请党员用微信扫一扫签到 · 每 {code.windowSeconds} 秒自动更新</Text>
      {checkedIn !== null ? (
        <Text className='act-code__hint' id='checked-in-count'>
          {ATTENDANCE_STATUS_LABELS.checked_in} {checkedIn} 人
        </Text>
      ) : null}
      {error ? <Text className='act-code__hint nc-danger-text'>{error}</Text> : null}
      {DEV_PERSONAS ? (
        <Text className='act-code__token' id='checkin-token' selectable>
          {code.token}
        </Text>
      ) : null}
      <View className='nc-actions'>
        <NcButton block id='go-attendance' onClick={() => go(`/packages/activities/pages/attendance/index?id=${encodeURIComponent(id)}`)}>
          现场名单
        </NcButton>
      </View>
    </View>
  )
}

export default function CheckinCodePage() {
  const { params } = useRouter()
  return <View className='checkin-code-page'>{params.id ? <Code id={params.id} /> : <StateView type='error' title='链接有误' />}</View>
}
