import { useState } from 'react'
import Taro from '@tarojs/taro'

/** The field a form check names, with its message. */
export interface FieldProblem {
  field: string
  message: string
}

/**
 * The values of a form of text fields and the one field marked wrong: `set` clears that mark when the field is
 * edited; `check` marks the field a check names and toasts its message (true when there is none).
 */
export function useFormFields<V extends Record<string, string>>(initial: V) {
  const [v, setV] = useState<V>(initial)
  const [error, setError] = useState<FieldProblem | null>(null)
  const set = (key: keyof V & string, value: string) => {
    setV((old) => ({ ...old, [key]: value }))
    if (error?.field === key) setError(null)
  }
  const errorOf = (field: string) => (error?.field === field ? error.message : null)
  const check = (problem: FieldProblem | null): boolean => {
    if (!problem) return true
    setError(problem)
    Taro.showToast({ title: problem.message, icon: 'none' })
    return false
  }
  return { v, setV, set, errorOf, check, bind: textBinder(v, set, errorOf) }
}

/** The keys of a form's values that hold text. */
export type TextKeys<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V] & string

/**
 * What ties a text field to a form's values: `bind('title')` is the value, the mark and the edit of field `title`,
 * to spread into a TextField (`<TextField label='标题' {...bind('title')} />`).
 */
export function textBinder<V>(v: V, set: (key: TextKeys<V>, value: string) => void, errorOf: (key: TextKeys<V>) => string | null = () => null) {
  return (key: TextKeys<V>) => ({ value: v[key] as string, error: errorOf(key), onInput: (value: string) => set(key, value) })
}
