import type { ReactNode } from 'react'
import { Text, Textarea, View } from '@tarojs/components'
import { NcButton } from './NcButton'

export interface SheetProps {
  title: string
  hint?: string
  confirmText?: string
  busy?: boolean
  /** Shown above the buttons (validation message). */
  error?: string | null
  onConfirm: () => void
  onClose: () => void
  children?: ReactNode
}

/** A bottom sheet with a form and 取消 / confirm buttons (#sheet, #sheet-confirm, #sheet-cancel). */
export function Sheet({ title, hint, confirmText = '确定', busy, error, onConfirm, onClose, children }: SheetProps) {
  return (
    <View className='nc-sheet' id='sheet' catchMove>
      <View className='nc-sheet__mask' onClick={busy ? undefined : onClose} />
      <View className='nc-sheet__panel'>
        <Text className='nc-sheet__title'>{title}</Text>
        {hint ? <Text className='nc-sheet__hint'>{hint}</Text> : null}
        {children ? <View className='nc-sheet__body'>{children}</View> : null}
        {error ? (
          <Text className='nc-sheet__error' id='sheet-error'>
            {error}
          </Text>
        ) : null}
        <View className='nc-sheet__buttons'>
          <NcButton className='nc-sheet__button' id='sheet-cancel' disabled={busy} onClick={onClose}>
            取消
          </NcButton>
          <NcButton className='nc-sheet__button' type='primary' id='sheet-confirm' loading={busy} onClick={onConfirm}>
            {confirmText}
          </NcButton>
        </View>
      </View>
    </View>
  )
}

/**
 * A sheet's text box (a reason, a note, a comment): several lines, `fixed` as weapp needs for a textarea inside the
 * sheet's fixed layer.
 */
export function SheetText({
  id,
  value,
  max,
  placeholder,
  className,
  onInput
}: {
  id: string
  value: string
  max: number
  placeholder?: string
  className?: string
  onInput: (value: string) => void
}) {
  return (
    <Textarea
      className={className ? `nc-textarea ${className}` : 'nc-textarea'}
      id={id}
      value={value}
      maxlength={max}
      fixed
      placeholder={placeholder}
      onInput={(e) => onInput(e.detail.value)}
    />
  )
}
