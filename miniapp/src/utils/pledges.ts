import type { PledgeOfferedAction, PledgeStatus } from '@nuancheng/shared'
import { PLEDGE_LIMITS as L, PLEDGE_STATUS_LABELS } from '@nuancheng/shared/constants'
import { beijingDay } from './format'
import { type StatusTone, statusWords } from './wishes'

/** 一党员一践诺 in the UI: labels, tones and the form's checks (the server's rules: shared PledgeInputSchema). */

export const PLEDGE_ACTION_LABELS: Record<PledgeOfferedAction, string> = {
  revise: '修改承诺',
  approve: '审核通过（亮诺）',
  return: '退回修改',
  progress: '更新进展',
  complete: '我已践诺',
  assess_branch: '党支部评诺',
  assess_community: '社区评诺'
}

const TONES: Record<PledgeStatus, StatusTone> = {
  submitted: 'warning',
  returned: 'danger',
  approved: 'primary',
  done: 'success',
  assessed: 'gray'
}

export const { label: pledgeStatusLabel, tone: pledgeStatusTone } = statusWords(PLEDGE_STATUS_LABELS, TONES)

export const pledgeUrl = (id: string) => `/packages/pledges/pages/detail/index?id=${encodeURIComponent(id)}`

/** Today in Beijing, YYYY-MM-DD (due dates are Beijing calendar dates, whatever the phone's time zone). */
export function cstToday(now: Date = new Date()): string {
  return beijingDay(now)
}

export interface PledgeForm {
  content: string
  target: string
  dueDate: string
  category: string
  nameDisplay: string
}

const length = (s: string) => Array.from(s.trim()).length

/** The first problem with the form, worded as the server would (null: send it). */
export function pledgeFormError(form: PledgeForm, today: string = cstToday()): { field: keyof PledgeForm; message: string } | null {
  if (length(form.content) < L.contentMin) return { field: 'content', message: `请填写承诺内容（至少 ${L.contentMin} 个字）` }
  if (length(form.content) > L.contentMax) return { field: 'content', message: `承诺内容最多 ${L.contentMax} 个字` }
  if (length(form.target) < L.targetMin) return { field: 'target', message: '请填写可衡量的目标（如：全年义务理发 12 次）' }
  if (length(form.target) > L.targetMax) return { field: 'target', message: `目标最多 ${L.targetMax} 个字` }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.dueDate)) return { field: 'dueDate', message: '请选择截止日期' }
  const year = Number(today.slice(0, 4))
  const dueYear = Number(form.dueDate.slice(0, 4))
  if (dueYear !== year && dueYear !== year + 1) return { field: 'dueDate', message: `只能作 ${year} 年或 ${year + 1} 年的承诺` }
  if (!form.category) return { field: 'category', message: '请选择承诺类别' }
  if (!form.nameDisplay) return { field: 'nameDisplay', message: '请选择公示时如何显示姓名' }
  return null
}

/** A note (progress, evidence, comment, reason) between `min` and `max` characters. */
export function noteError(text: string, min: number, max: number, what: string): string | null {
  const n = length(text)
  if (n < min) return `请填写${what}（至少 ${min} 个字）`
  if (n > max) return `${what}最多 ${max} 个字`
  return null
}
