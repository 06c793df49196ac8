import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

export interface CellProps {
  title: ReactNode
  desc?: ReactNode
  value?: ReactNode
  /** Shows the › arrow and the tap highlight. */
  link?: boolean
  className?: string
  id?: string
  onClick?: () => void
  children?: ReactNode
}

/** A WeChat-style list cell; put several inside <CellGroup>. */
export function Cell({ title, desc, value, link, className, id, onClick, children }: CellProps) {
  return (
    <View
      id={id}
      className={`nc-cell ${link ? 'nc-cell--link' : ''} ${className ?? ''}`}
      hoverClass={link ? 'nc-cell--hover' : 'none'}
      onClick={onClick}
    >
      <View className='nc-cell__main'>
        <Text className='nc-cell__title'>{title}</Text>
        {desc ? <Text className='nc-cell__desc'>{desc}</Text> : null}
      </View>
      {value !== undefined && value !== null ? <View className='nc-cell__value'>{value}</View> : null}
      {children}
      {link ? <View className='nc-cell__arrow' /> : null}
    </View>
  )
}

export function CellGroup({ title, children, className }: { title?: string; children: ReactNode; className?: string }) {
  return (
    <View className={className}>
      {title ? <View className='nc-section-title'>{title}</View> : null}
      <View className='nc-cell-group'>{children}</View>
    </View>
  )
}
