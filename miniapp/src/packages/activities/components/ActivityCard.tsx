import { Text, View } from '@tarojs/components'
import type { ActivitySummary } from '@nuancheng/shared'
import { ATTENDANCE_STATUS_LABELS } from '@nuancheng/shared/constants'
import type { ReactNode } from 'react'
import { activityPhase, activityTime, distanceText } from '../../../utils/activities'

/** One activity in a list: title, type, time, place, places left; tapping opens it. */
export function ActivityCard({ a, extra, onClick }: { a: ActivitySummary; extra?: ReactNode; onClick: () => void }) {
  const phase = activityPhase(a)
  const left = Math.max(0, a.capacity - a.taken)
  return (
    <View className='activity-card' hoverClass='activity-card--hover' data-id={a.id} onClick={onClick}>
      <View className='activity-card__top'>
        <Text className='activity-card__title'>{a.title}</Text>
        <Text className={`nc-tag ${phase === '进行中' ? '' : 'nc-tag--gray'}`}>{phase}</Text>
      </View>
      <Text className='activity-card__line'>
        {a.type} · {activityTime(a)}
      </Text>
      <Text className='activity-card__line'>
        {a.community.name} · {a.placeName}
        {a.distanceM !== null ? ` · 距您 ${distanceText(a.distanceM)}` : ''}
      </Text>
      <View className='activity-card__bottom'>
        <Text className='activity-card__places'>
          {ATTENDANCE_STATUS_LABELS.signed_up} {a.taken}/{a.capacity}
          {left === 0 ? '（已满）' : ''}
        </Text>
        {a.walkInsAllowed ? <Text className='nc-tag nc-tag--gray'>可现场签到</Text> : null}
      </View>
      {extra ? <View className='activity-card__extra'>{extra}</View> : null}
    </View>
  )
}
