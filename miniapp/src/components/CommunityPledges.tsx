import { useEffect, useState } from 'react'
import { Text, View } from '@tarojs/components'
import type { PublicPledge } from '@nuancheng/shared'
import { PLEDGE_STATE_LABELS, PLEDGE_STATUS_LABELS } from '@nuancheng/shared/constants'
import { fetchPublicPledges } from '../services/pledges'
import { go } from '../utils/navigation'

/** The public words of a pledge (the member's pledge state: 践诺中 / 已践诺), then 已评诺 once assessed. */
const LABELS: Record<string, string> = {
  approved: PLEDGE_STATE_LABELS.in_progress,
  done: PLEDGE_STATE_LABELS.done,
  assessed: PLEDGE_STATUS_LABELS.assessed
}

/**
 * 党员承诺 on a community page: the members living here and their public pledges of the year (亮诺). Small and
 * lazy: asked for only once `ready` (the wall has loaded), and shows nothing when there are none or it fails.
 */
export function CommunityPledges({ code, ready }: { code: string; ready: boolean }) {
  const [items, setItems] = useState<PublicPledge[] | null>(null)
  const [total, setTotal] = useState(0)

  useEffect(() => {
    if (!ready || items) return
    fetchPublicPledges(code).then(
      (page) => {
        setItems(page.items)
        setTotal(page.total)
      },
      () => setItems([])
    )
  }, [ready, code, items])

  if (!items || items.length === 0) return null
  return (
    <View className='community-pledges' id='community-pledges'>
      <View className='nc-section-title'>党员承诺{total > items.length ? `（共 ${total} 项）` : ''}</View>
      {items.map((p) => (
        <View
          key={p.id}
          className='community-pledge'
          data-id={p.id}
          onClick={() => go(`/packages/pledges/pages/detail/index?id=${encodeURIComponent(p.id)}`)}
        >
          <View className='community-pledge__head'>
            <Text className='community-pledge__name'>{p.name}</Text>
            <Text className='community-pledge__state'>{LABELS[p.status] ?? ''}</Text>
          </View>
          <Text className='community-pledge__line'>{p.content}</Text>
          <Text className='community-pledge__meta'>
            {p.branchName} · 目标：{p.target}
          </Text>
        </View>
      ))}
    </View>
  )
}
