import { useCallback, useEffect, useRef, useState } from 'react'
import { Text, View } from '@tarojs/components'
import { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import type { AttendanceList } from '@nuancheng/shared'
import { ATTENDANCE_STATUS_LABELS } from '@nuancheng/shared/constants'
import { NcButton } from '../../../../components/NcButton'
import { StateView } from '../../../../components/StateView'
import { fetchAttendances } from '../../../../services/activities'
import { errorMessage } from '../../../../services/request'
import { go } from '../../../../utils/navigation'
import { AttendanceRow } from '../../components/AttendanceRow'
import '../../styles.scss'

/** The organiser's live list: refreshed every 15 seconds while shown. */
function Attendance({ id }: { id: string }) {
  const [list, setList] = useState<AttendanceList | null>(null)
  const [error, setError] = useState('')
  const timer = useRef<ReturnType<typeof setInterval> | null>(null)
  const load = useCallback(() => {
    fetchAttendances(id).then(
      (l) => {
        setList(l)
        setError('')
      },
      (e: unknown) => setError(errorMessage(e, '加载失败'))
    )
  }, [id])
  const start = useCallback(() => {
    if (timer.current) clearInterval(timer.current)
    timer.current = setInterval(load, 15000)
  }, [load])
  useEffect(() => {
    load()
    start()
    return () => {
      if (timer.current) clearInterval(timer.current)
    }
  }, [load, start])
  useDidShow(() => {
    load()
    start()
  })
  useDidHide(() => {
    if (timer.current) clearInterval(timer.current)
  })

  if (!list)
    return error ? <StateView type='error' title='加载失败' message={error} actionText='重新加载' onAction={load} /> : <StateView type='loading' />
  const c = list.counts
  const a = list.activity
  const page = (name: string) => `/packages/activities/pages/${name}/index?id=${encodeURIComponent(id)}`
  return (
    <View id='attendance-list'>
      <View className='act-counts'>
        {[
          [ATTENDANCE_STATUS_LABELS.signed_up, c.signedUp + c.checkedIn + c.checkedOut],
          [ATTENDANCE_STATUS_LABELS.checked_in, c.checkedIn + c.checkedOut],
          [ATTENDANCE_STATUS_LABELS.checked_out, c.checkedOut]
        ].map(([label, n]) => (
          <View className='act-counts__item' key={label}>
            <Text className='act-counts__num'>{n}</Text>
            <Text className='act-counts__label'>{label}</Text>
          </View>
        ))}
      </View>
      <View className='nc-actions'>
        {a.actions.includes('show_code') ? (
          <NcButton type='primary' block onClick={() => go(page('code'))}>
            出示签到码
          </NcButton>
        ) : null}
        {a.actions.includes('record_attendance') ? (
          <NcButton block id='go-manual' onClick={() => go(page('manual'))}>
            补录签到（党员没带手机）
          </NcButton>
        ) : null}
        {a.actions.includes('review_hours') ? (
          <NcButton type='primary' block id='go-review' onClick={() => go(page('review'))}>
            审核服务时长（待审 {c.hoursPending} 人）
          </NcButton>
        ) : null}
      </View>
      {list.items.length === 0 ? (
        <StateView type='empty' title='还没有人报名' />
      ) : (
        list.items.map((item) => <AttendanceRow key={item.id} item={item} />)
      )}
    </View>
  )
}

export default function AttendancePage() {
  const { params } = useRouter()
  return <View className='nc-page attendance'>{params.id ? <Attendance id={params.id} /> : <StateView type='error' title='链接有误' />}</View>
}
