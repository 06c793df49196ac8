import { Text, View } from '@tarojs/components'
import type { PledgeSummary } from '@nuancheng/shared'
import { StatusTag } from '../../components/StatusTag'
import { go } from '../../utils/navigation'
import { pledgeStatusLabel, pledgeStatusTone, pledgeUrl } from '../../utils/pledges'

/** A pledge in a list; the whole card opens its detail page (where the buttons are). */
export function PledgeCard({ p, showMember }: { p: PledgeSummary; showMember?: boolean }) {
  return (
    <View className='pledge-card' data-id={p.id} onClick={() => go(pledgeUrl(p.id))}>
      <View className='pledge-card__head'>
        <Text className='pledge-card__title'>{p.content}</Text>
        <StatusTag label={pledgeStatusLabel(p.status)} tone={pledgeStatusTone(p.status)} />
      </View>
      {showMember ? (
        <Text className='pledge-card__line'>
          {p.member.name} · {p.branch.name} · {p.community.name}
        </Text>
      ) : null}
      <Text className='pledge-card__line'>目标：{p.target}</Text>
      <Text className='pledge-card__line'>
        截止：{p.dueDate}
        {p.overdue ? <Text className='nc-danger-text'>（已超期）</Text> : null}
      </Text>
      {p.returnReason ? <Text className='pledge-card__line nc-danger-text'>退回原因：{p.returnReason}</Text> : null}
    </View>
  )
}
