import { Text } from '@tarojs/components'
import type { StatusTone } from '../utils/wishes'

/** A coloured status pill: 待审核 / 待认领 / 已圆梦 … */
export function StatusTag({ label, tone, id, className }: { label: string; tone: StatusTone; id?: string; className?: string }) {
  return (
    <Text id={id} className={`nc-status nc-status--${tone} ${className ?? ''}`}>
      {label}
    </Text>
  )
}
