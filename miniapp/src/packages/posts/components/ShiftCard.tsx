import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import type { Shift } from '@nuancheng/shared'
import { PhotoGrid } from '../../../components/PhotoGrid'
import { minutesText } from '../../../utils/members-posts'

const TONES: Record<Shift['status'], string> = { pending: 'warning', confirmed: 'success', rejected: 'danger' }

/** A shift (值守记录): day, minutes, what was done, photos, its state; `buttons` sit in their own row. */
export function ShiftCard({ s, showMember, buttons }: { s: Shift; showMember?: boolean; buttons?: ReactNode }) {
  return (
    <View className='svc-card shift-card' data-id={s.id}>
      <View className='svc-card__head'>
        <Text className='svc-card__title'>
          {s.date} · {minutesText(s.minutes)}
        </Text>
        <Text className={`nc-status nc-status--${TONES[s.status]}`}>{s.statusLabel}</Text>
      </View>
      <Text className='svc-card__line'>
        {showMember ? <Text className='svc-card__strong shift-card__member'>{s.member.name} · </Text> : null}
        {s.community.name}
        {s.post.name}
      </Text>
      <Text className='svc-card__note'>{s.content}</Text>
      {s.photos.length ? (
        <View style={{ marginTop: '12px' }}>
          <PhotoGrid photos={s.photos} />
        </View>
      ) : null}
      {s.rejectReason ? <Text className='svc-card__line nc-danger-text'>未通过：{s.rejectReason}</Text> : null}
      {buttons ? <View className='svc-card__buttons'>{buttons}</View> : null}
    </View>
  )
}
