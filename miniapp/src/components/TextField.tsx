import { Input, Textarea } from '@tarojs/components'
import { Field } from './Field'

/** A labelled one-line (or, with `multiline`, several-line) text field of a form; `error` shows under it. */
export function TextField({
  label,
  required,
  hint,
  error,
  id,
  value,
  max,
  placeholder,
  multiline,
  type,
  onInput
}: {
  label: string
  required?: boolean
  hint?: string
  error?: string | null
  id: string
  value: string
  max?: number
  placeholder?: string
  multiline?: boolean
  type?: 'number'
  onInput: (value: string) => void
}) {
  return (
    <Field label={label} required={required} hint={hint} error={error}>
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
    </Field>
  )
}
