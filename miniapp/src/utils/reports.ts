import type { ReportDueItem, ReportStatus } from '@nuancheng/shared'
import type { StatusTone } from './wishes'

/** Pure helpers of the reports subpackage (no Taro: unit-tested). */

export const REPORT_TONES: Record<ReportStatus | 'missing', StatusTone> = {
  missing: 'gray',
  draft: 'warning',
  submitted: 'primary',
  approved: 'success',
  returned: 'danger'
}

/** Minutes as hours for people: 90 → "1.5 小时", 0 → "0 小时". */
export function hours(minutes: number): string {
  return `${Math.round((minutes / 60) * 10) / 10} 小时`
}

/** "还剩 12 天" / "今天截止" / "已逾期 3 天" — or where it stands when it is in. */
export function dueText(item: Pick<ReportDueItem, 'daysLeft' | 'state' | 'late'>): { text: string; urgent: boolean } {
  if (item.state === 'submitted' || item.state === 'approved') return { text: item.late ? '已提交（逾期）' : '已按时提交', urgent: false }
  if (item.daysLeft <= 0) return { text: `已逾期 ${Math.max(0, -item.daysLeft) + 1} 天`, urgent: true }
  if (item.daysLeft === 1) return { text: '今天截止', urgent: true }
  return { text: `还剩 ${item.daysLeft} 天`, urgent: item.daysLeft <= 7 }
}

/** The characters a person sees (emoji and CJK count as one), as the server counts them for the 2,000 limit. */
export function charCount(text: string): number {
  return Array.from(text).length
}

/** The half year before now and the current one, as keys (2026H1 …), in Beijing time like the server. */
export function recentHalfYearKeys(now: Date = new Date()): [string, string] {
  const local = new Date(now.getTime() + 8 * 3600 * 1000)
  const year = local.getUTCFullYear()
  const h1 = local.getUTCMonth() < 6
  return h1 ? [`${year - 1}H2`, `${year}H1`] : [`${year}H1`, `${year}H2`]
}

/** 2026H1 → 2026年上半年 */
export function halfYearLabel(key: string): string {
  return `${key.slice(0, 4)}年${key.endsWith('H1') ? '上' : '下'}半年`
}
