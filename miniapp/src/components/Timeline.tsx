import { Text, View } from '@tarojs/components'
import type { TimelineEntry } from '@nuancheng/shared'
import { formatDateTime } from '../utils/format'

/** Oldest first; entries at the same instant keep the server's order. */
export function sortTimeline(items: readonly TimelineEntry[]): TimelineEntry[] {
  return items
    .map((e, i) => ({ e, i, t: new Date(e.at).getTime() || 0 }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map((x) => x.e)
}

/** Every state change of a wish: what, who (role · name), when, and the note. */
export function Timeline({ items }: { items: readonly TimelineEntry[] }) {
  const sorted = sortTimeline(items)
  return (
    <View className='timeline' id='timeline'>
      {sorted.map((e, i) => (
        <View key={e.id} className={`timeline-entry ${i === sorted.length - 1 ? 'timeline-entry--last' : ''}`} data-action={e.action}>
          <View className='timeline-entry__dot' />
          <View className='timeline-entry__content'>
            <View className='timeline-entry__head'>
              <Text className='timeline-entry__action'>{e.actionLabel}</Text>
              <Text className='timeline-entry__time'>{formatDateTime(e.at)}</Text>
            </View>
            <Text className='timeline-entry__actor'>
              {e.actor.roleLabel}
              {e.actor.name && e.actor.name !== e.actor.roleLabel ? ` · ${e.actor.name}` : ''}
            </Text>
            {e.note ? <Text className='timeline-entry__note'>{e.note}</Text> : null}
          </View>
        </View>
      ))}
    </View>
  )
}
