import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { AttendanceItem } from '@nuancheng/shared'
import { attendanceLabel, distanceText, hoursLabel, minutesText } from '../../../utils/activities'
import { formatDateTime } from '../../../utils/format'

/** One attendee on the organiser's list: status, check-in fix, check-out, hours. */
export function AttendanceRow({ item, children }: { item: AttendanceItem; children?: ReactNode }) {
  return (
    <View className='att-row' data-id={item.id}>
      <View className='att-row__top'>
        <Text className='att-row__name'>{item.member.name}</Text>
        <Text className={`nc-tag ${item.status === 'cancelled' ? 'nc-tag--gray' : ''}`}>{attendanceLabel(item.status)}</Text>
      </View>
      {item.checkedInAt ? (
        <Text className='att-row__line'>
          签到 {formatDateTime(item.checkedInAt)}
          {item.checkinDistanceM !== null
            ? ` · 距现场 ${distanceText(item.checkinDistanceM)}（精度 ${Math.round(item.checkinAccuracyM ?? 0)} 米）`
            : ''}
        </Text>
      ) : null}
      {item.checkedOutAt ? <Text className='att-row__line'>签退 {formatDateTime(item.checkedOutAt)}</Text> : null}
      {item.walkIn ? <Text className='att-row__line'>未报名，现场签到</Text> : null}
      {item.manualReason ? <Text className='att-row__line'>补录：{item.manualReason}</Text> : null}
      {item.hours ? (
        <Text className='att-row__line'>
          时长 {minutesText(item.hours.minutes)} · {hoursLabel(item.hours.status)}
          {item.hours.missingCheckout ? ' · 未签退' : ''}
          {item.hours.reason ? ` · ${item.hours.reason}` : ''}
        </Text>
      ) : null}
      {children}
    </View>
  )
}
