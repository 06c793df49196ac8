import { useState } from 'react'
import Taro from '@tarojs/taro'
import { ErrorCode } from '@nuancheng/shared/constants'
import { useSheetSubmit } from '../hooks/useSheetSubmit'
import { hasErrorCode } from '../services/request'
import { Sheet } from './Sheet'
import { TextField } from './TextField'

/** 确认 or 不予确认 (with a reason) on one item of a staff list: shifts, registrations. */
export type Decision = 'confirm' | 'reject'

/**
 * The state of a confirm / reject sheet over a list: `start` opens it on an item, `submit` checks the reason,
 * calls `decide`, toasts and reloads the list; a wrong-state refusal (someone acted first) closes it and reloads.
 */
export function useDecision<T>({
  reasonMin,
  decide,
  done,
  reload
}: {
  reasonMin: number
  decide: (item: T, decision: Decision, reason: string) => Promise<unknown>
  /** The toast after a decision. */
  done: Record<Decision, string>
  reload: () => void
}) {
  const [open, setOpen] = useState<{ item: T; action: Decision } | null>(null)
  const [reason, setReason] = useState('')
  const { busy, error, setError, submit: send } = useSheetSubmit()

  const submit = async () => {
    if (!open) return
    if (open.action === 'reject' && reason.trim().length < reasonMin) return setError('请填写不予确认的原因')
    await send(
      async () => {
        await decide(open.item, open.action, reason.trim())
        setOpen(null)
        Taro.showToast({ title: done[open.action], icon: 'success' })
        reload()
      },
      (e) => {
        if (hasErrorCode(e, ErrorCode.WrongState)) {
          setOpen(null)
          reload()
        }
      }
    )
  }
  const start = (item: T, action: Decision) => {
    setReason('')
    setError(null)
    setOpen({ item, action })
  }
  return { open, start, close: () => setOpen(null), reason, setReason, error, busy, submit }
}

/** The sheet of useDecision: 不予确认 asks for the reason (`#{reasonId}`). */
export function DecisionSheet<T>({
  decision,
  title,
  hint,
  confirmText,
  reasonId,
  reasonMax,
  reasonPlaceholder
}: {
  decision: ReturnType<typeof useDecision<T>>
  title: string
  hint: string
  confirmText: string
  reasonId: string
  reasonMax: number
  reasonPlaceholder: string
}) {
  const { open, reason, setReason, error, busy, submit, close } = decision
  if (!open) return null
  return (
    <Sheet title={title} hint={hint} confirmText={confirmText} busy={busy} error={error} onConfirm={submit} onClose={close}>
      {open.action === 'reject' ? (
        <TextField label='原因' required id={reasonId} value={reason} max={reasonMax} placeholder={reasonPlaceholder} multiline onInput={setReason} />
      ) : null}
    </Sheet>
  )
}
