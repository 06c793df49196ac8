import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'

/** A labelled form row; `error` (when this field failed validation) shows under the control. */
export function Field({
  label,
  required,
  hint,
  error,
  children,
  id
}: {
  label: string
  required?: boolean
  hint?: string
  error?: string | null
  children: ReactNode
  id?: string
}) {
  return (
    <View className={`nc-field ${error ? 'nc-field--error' : ''}`} id={id}>
      <Text className='nc-field__label'>
        {label}
        {required ? <Text className='nc-field__required'> *</Text> : null}
        {/* Said in words as well as red: which rows need changing. */}
        {error ? <Text className='nc-field__flag'>（需修改）</Text> : null}
      </Text>
      <View className='nc-field__control'>{children}</View>
      {hint && !error ? <Text className='nc-field__hint'>{hint}</Text> : null}
      {error ? <Text className='nc-field__error'>{error}</Text> : null}
    </View>
  )
}
