import type { ReactNode } from 'react'
import { View } from '@tarojs/components'

/** Stops a tap from reaching the tappable card around it (Taro's event on weapp, React's on H5). */
export function stopTap(e: { stopPropagation: () => void }): void {
  e.stopPropagation()
}

/**
 * The buttons of a tappable list card. A tap on them — or between them — never counts as a tap on the card:
 * NcButton stops its own taps, and this row stops the rest (a gap, a native Button).
 */
export function CardActions({ className, children }: { className?: string; children: ReactNode }) {
  return (
    <View className={`nc-card-actions ${className ?? ''}`} onClick={stopTap}>
      {children}
    </View>
  )
}
