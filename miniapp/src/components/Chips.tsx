import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

/** A single choice among a few options, drawn as tags (easier on a phone than a picker for ≤ 8 options). */
export function Chips<T extends string>({
  options,
  value,
  onChange,
  id,
  labels
}: {
  options: readonly T[]
  value: T | '' | null
  onChange: (value: T) => void
  id?: string
  labels?: Partial<Record<T, string>>
}) {
  return (
    <View className='nc-chips' id={id}>
      {options.map((o) => (
        <Text key={o} className={`nc-chip ${o === value ? 'nc-chip--on' : ''}`} data-value={o} onClick={() => onChange(o)}>
          {labels?.[o] ?? o}
        </Text>
      ))}
    </View>
  )
}

/**
 * The options of Chips and their labels, one `[option, label]` for each of a list of things:
 * `<Chips {...choices(streets, (s) => [s.id, s.name])} value={streetId} onChange={setStreetId} />`.
 */
export function choices<I, K extends string>(items: readonly I[], choice: (item: I) => readonly [K, string]) {
  const pairs = items.map(choice)
  return { options: pairs.map(([option]) => option), labels: Object.fromEntries(pairs) as Record<K, string> }
}

/** A checkbox drawn with a View (same look on weapp and H5), with its text. */
export function Check({ checked, onChange, id, children }: { checked: boolean; onChange: (v: boolean) => void; id?: string; children: ReactNode }) {
  return (
    <View id={id} className={`nc-check ${checked ? 'nc-check--on' : ''}`} onClick={() => onChange(!checked)}>
      <View className='nc-check__box'>{checked ? <Text className='nc-check__tick'>✓</Text> : null}</View>
      <View className='nc-check__text'>{children}</View>
    </View>
  )
}

/** The tabs over a list (.nc-tabs): the one on is `value`; each tab's id is tab-<key>. */
export function Tabs<T extends string>({
  tabs,
  value,
  onChange
}: {
  tabs: readonly { key: T; label: string }[]
  value: T
  onChange: (key: T) => void
}) {
  return (
    <View className='nc-tabs'>
      {tabs.map((t) => (
        <Text key={t.key} id={`tab-${t.key}`} className={`nc-tab ${t.key === value ? 'nc-tab--on' : ''}`} onClick={() => onChange(t.key)}>
          {t.label}
        </Text>
      ))}
    </View>
  )
}
