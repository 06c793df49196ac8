import type { ReactNode } from 'react'
import { View } from '@tarojs/components'
import { stopTap } from './CardActions'

export interface NcButtonProps {
  type?: 'primary' | 'default' | 'plain'
  size?: 'normal' | 'small'
  block?: boolean
  disabled?: boolean
  loading?: boolean
  className?: string
  id?: string
  onClick?: () => void
  children: ReactNode
}

/** A button drawn with a View (consistent on weapp and H5). Use a native <Button> only for open-type. */
export function NcButton({ type = 'default', size = 'normal', block, disabled, loading, className, id, onClick, children }: NcButtonProps) {
  const inactive = disabled || loading
  const classes = [
    'nc-btn',
    `nc-btn--${type}`,
    size === 'small' ? 'nc-btn--small' : '',
    block ? 'nc-btn--block' : '',
    inactive ? 'nc-btn--disabled' : '',
    className ?? ''
  ]
  return (
    <View
      id={id}
      className={classes.filter(Boolean).join(' ')}
      hoverClass={inactive ? 'none' : 'nc-btn-hover'}
      onClick={(e) => {
        // A button is never also a tap on the card or cell it sits in, even when it is disabled.
        stopTap(e)
        if (!inactive) onClick?.()
      }}
    >
      {loading ? '请稍候…' : children}
    </View>
  )
}
