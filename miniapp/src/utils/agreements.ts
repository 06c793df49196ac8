import type { AgreementOfferedAction, AgreementStatus, AgreementTerms, CommitmentCategory, Delivery, RoleAssignment } from '@nuancheng/shared'
import { AGREEMENT_LIMITS as L, AGREEMENT_STATUS_LABELS, PHONE_PATTERN } from '@nuancheng/shared/constants'
import { beijingDay } from './format'
import { type StatusTone, statusWords } from './wishes'

/** UI around 共建协议: status tags, the form's checks (the server's ProposeAgreementSchema), delivery wording. Pure. */

const TONES: Record<AgreementStatus, StatusTone> = {
  proposed: 'warning',
  returned: 'danger',
  withdrawn: 'gray',
  in_force: 'success',
  ended_early: 'gray',
  expired: 'gray'
}

export const { label: agreementStatusLabel, tone: agreementStatusTone } = statusWords(AGREEMENT_STATUS_LABELS, TONES)

/** Buttons of the detail page, in the server's order; the ones that ask for a reason open a sheet. */
export const ACTIONS_WITH_REASON: readonly AgreementOfferedAction[] = ['return', 'end_early']

type Roles = readonly Pick<RoleAssignment, 'role' | 'scopeId' | 'scopeName' | 'scopeKind'>[]

/** The units (or party committees) the caller proposes for: their org admin scopes. */
export function proposerScopes<T extends Roles[number]>(roles: readonly T[]): T[] {
  return roles.filter((r) => r.role === 'org_admin' && r.scopeKind === 'organisation' && r.scopeId)
}

/** The places whose 1+N view the caller opens from the workbench: a street official's street, a staff member's community. */
export function onePlusNScopes<T extends Roles[number]>(roles: readonly T[]): T[] {
  return roles.filter((r) => (r.role === 'street_official' || r.role === 'community_staff') && r.scopeKind === 'region' && r.scopeId)
}

export interface CommitmentDraft {
  category: CommitmentCategory | ''
  description: string
  quantity: string
  unit: string
}

export interface AgreementDraft {
  startDate: string
  endDate: string
  contactName: string
  contactPhone: string
  note: string
  commitments: CommitmentDraft[]
}

export const emptyCommitment = (): CommitmentDraft => ({ category: '', description: '', quantity: '', unit: '次/年' })

const len = (s: string) => Array.from(s.trim()).length
const DATE = /^\d{4}-\d{2}-\d{2}$/

/** The first problem of the form as the server would word it, with the field it belongs to (commitments: `commitment-<i>`). */
export function agreementFormError(v: AgreementDraft, today: string): { field: string; message: string } | null {
  if (!DATE.test(v.startDate)) return { field: 'startDate', message: '请选择开始日期' }
  if (!DATE.test(v.endDate)) return { field: 'endDate', message: '请选择结束日期' }
  if (v.endDate <= v.startDate) return { field: 'endDate', message: '协议结束日期应晚于开始日期' }
  if (v.endDate < today) return { field: 'endDate', message: '协议结束日期不能早于今天' }
  const latest = `${Number(v.startDate.slice(0, 4)) + L.termMaxYears}${v.startDate.slice(4)}`
  if (v.endDate > latest) return { field: 'endDate', message: `协议期限最长 ${L.termMaxYears} 年，续签请另签新协议` }
  if (len(v.contactName) < L.contactNameMin) return { field: 'contactName', message: '请填写联系人姓名' }
  if (len(v.contactName) > L.contactNameMax) return { field: 'contactName', message: `联系人姓名最多 ${L.contactNameMax} 个字` }
  if (!PHONE_PATTERN.test(v.contactPhone.trim())) return { field: 'contactPhone', message: '手机号应为 11 位中国大陆手机号' }
  if (len(v.note) > L.noteMax) return { field: 'note', message: `补充说明最多 ${L.noteMax} 个字` }
  if (v.commitments.length < L.commitmentsMin) return { field: 'commitments', message: '请至少填写 1 项资源承诺' }
  if (v.commitments.length > L.commitmentsMax) return { field: 'commitments', message: `资源承诺最多 ${L.commitmentsMax} 项` }
  const seen = new Set<string>()
  for (const [i, c] of v.commitments.entries()) {
    const field = `commitment-${i}`
    if (!c.category) return { field, message: `第 ${i + 1} 项：请选择承诺类别` }
    if (seen.has(c.category)) return { field, message: `“${c.category}”已填写过，同一类别请合并为一项` }
    seen.add(c.category)
    if (len(c.description) < L.descriptionMin) return { field, message: `第 ${i + 1} 项：请填写承诺内容` }
    if (len(c.description) > L.descriptionMax) return { field, message: `第 ${i + 1} 项：承诺内容最多 ${L.descriptionMax} 个字` }
    if (!/^\d+$/.test(c.quantity.trim()) || Number(c.quantity) < L.quantityMin || Number(c.quantity) > L.quantityMax)
      return { field, message: `第 ${i + 1} 项：数量请填写 ${L.quantityMin} 以上的整数` }
    if (len(c.unit) < 1) return { field, message: `第 ${i + 1} 项：请填写数量单位（如 次/年、株）` }
    if (len(c.unit) > L.unitMax) return { field, message: `第 ${i + 1} 项：数量单位最多 ${L.unitMax} 个字` }
  }
  return null
}

/** The checked form as the API takes it. */
export function toTerms(v: AgreementDraft): AgreementTerms {
  return {
    startDate: v.startDate,
    endDate: v.endDate,
    contactName: v.contactName.trim(),
    contactPhone: v.contactPhone.trim(),
    ...(v.note.trim() ? { note: v.note.trim() } : {}),
    commitments: v.commitments.map((c) => ({
      category: c.category as CommitmentCategory,
      description: c.description.trim(),
      quantity: Number(c.quantity.trim()),
      unit: c.unit.trim()
    }))
  }
}

/** 415 株 */
export function committedText(c: { quantity: number; unit: string }): string {
  return `${c.quantity} ${c.unit}`
}

/** 已服务 3 次 · 120 分钟 · ¥50, or 尚无服务记录. */
export function deliveredText(d: Delivery): string {
  if (d.services <= 0 && d.minutes <= 0 && d.valueYuan <= 0) return '尚无服务记录'
  const parts = [`已服务 ${Math.max(0, d.services)} 次`]
  if (d.minutes > 0) parts.push(d.minutes >= 60 ? `${Math.round((d.minutes / 60) * 10) / 10} 小时` : `${d.minutes} 分钟`)
  if (d.valueYuan > 0) parts.push(`¥${d.valueYuan}`)
  return parts.join(' · ')
}

/** 剩 20 天 / 今天到期 for an agreement in force. */
export function daysLeftText(daysLeft: number | null): string | null {
  if (daysLeft === null) return null
  if (daysLeft < 0) return '已过期'
  if (daysLeft === 0) return '今天到期'
  return `剩 ${daysLeft} 天`
}

/** Today in Beijing as YYYY-MM-DD (terms are Beijing calendar days). */
export function beijingToday(now: Date = new Date()): string {
  return beijingDay(now)
}
