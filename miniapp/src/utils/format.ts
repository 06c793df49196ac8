/** Date and money formatting for lists and detail pages. Pure: no Taro, runs under jest. */

const pad = (n: number) => String(n).padStart(2, '0')

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? null : d
}

/** 2026-11-27 (a calendar day already written so is kept as it is). */
export function formatDate(iso: string | null | undefined): string {
  if (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso
  const d = parse(iso)
  return d ? `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}` : ''
}

/** 11-27 14:05 this year, 2025-11-27 14:05 otherwise. */
export function formatDateTime(iso: string | null | undefined, now: Date = new Date()): string {
  const d = parse(iso)
  if (!d) return ''
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`
  const day = `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  return d.getFullYear() === now.getFullYear() ? `${day} ${time}` : `${d.getFullYear()}-${day} ${time}`
}

const DAY_MS = 24 * 3600 * 1000
const BEIJING_OFFSET_MS = 8 * 3600 * 1000

/**
 * The Beijing calendar day of an instant as YYYY-MM-DD, whatever the phone's time zone (terms, due dates, shifts
 * and export ranges are Beijing days). The one place a day is cut from an ISO string.
 */
export function beijingDay(at: Date = new Date()): string {
  return new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10)
}

/** 剩 3 天 / 今天到期 / 已超期 2 天, counted in calendar days. */
export function deadlineText(iso: string | null | undefined, now: Date = new Date()): { text: string; overdue: boolean } | null {
  const d = parse(iso)
  if (!d) return null
  const startOf = (x: Date) => new Date(x.getFullYear(), x.getMonth(), x.getDate()).getTime()
  const days = Math.round((startOf(d) - startOf(now)) / DAY_MS)
  if (d.getTime() < now.getTime()) {
    const late = Math.max(0, -days)
    return { text: late === 0 ? '已到期' : `已超期 ${late} 天`, overdue: true }
  }
  if (days === 0) return { text: '今天到期', overdue: false }
  return { text: `剩 ${days} 天`, overdue: false }
}

/** ¥120 */
export function formatYuan(yuan: number | null | undefined): string {
  if (yuan === null || yuan === undefined || Number.isNaN(yuan)) return ''
  return `¥${yuan}`
}

/** The end of a calendar day (picker value YYYY-MM-DD) in local time, as ISO. */
export function endOfDayIso(day: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  if (!m) return null
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 23, 59, 59)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

/** YYYY-MM-DD `days` after `from`. */
export function dayAfter(days: number, from: Date = new Date()): string {
  const d = new Date(from.getFullYear(), from.getMonth(), from.getDate() + days)
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}
