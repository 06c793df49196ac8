import type { ReactNode } from 'react'
import { Input, Textarea } from '@tarojs/components'
import { Field } from './Field'

/**
 * A labelled one-line (or, with `multiline`, several-line) text field of a form; `error` shows under it.
 * `id` is the control's (what e2e fills), `fieldId` the row's (what a failed validation scrolls to);
 * `children` stand under the control, inside the row.
 */
export function TextField({
  label,
  required,
  hint,
  error,
  id,
  fieldId,
  value,
  max,
  placeholder,
  multiline,
  type,
  onInput,
  children
}: {
  label: string
  required?: boolean
  hint?: string
  error?: string | null
  id?: string
  fieldId?: string
  value: string
  max?: number
  placeholder?: string
  multiline?: boolean
  type?: 'text' | 'number' | 'digit'
  onInput: (value: string) => void
  children?: ReactNode
}) {
  return (
    <Field label={label} required={required} hint={hint} error={error} id={fieldId}>
      {multiline ? (
        <Textarea className='nc-textarea' id={id} value={value} maxlength={max} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)} />
      ) : (
        <Input
          className='nc-input'
          id={id}
          type={type}
          value={value}
          maxlength={max}
          placeholder={placeholder}
          onInput={(e) => onInput(e.detail.value)}
        />
      )}
      {children}
    </Field>
  )
}
