import type { ActivitySummary, AttendanceStatus, HoursStatus } from '@nuancheng/shared'
import { ACTIVITY_STATUS_LABELS, ATTENDANCE_STATUS_LABELS, HOURS_STATUS_LABELS } from '@nuancheng/shared/constants'
import { safeDecode } from './community-code'

/**
 * Check-in codes reach the check-in page as the server made them, `<activityId>.<window>.<signature>`:
 *  - `q`: WeChat's scanner opened the page from the QR link `https://host/qr/a/<token>`;
 *  - Taro.scanCode's `result`: the same link (or the bare token);
 *  - `t`: our own navigation, or the H5 landing `/#/…/checkin/index?id=…&t=<token>`.
 * Pure: runs under jest.
 */
const TOKEN = /([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.(\d{1,12})\.([A-Za-z0-9_-]{43})/

export interface ScannedCode {
  activityId: string
  token: string
}

/** The check-in code inside a scanned text or link, or null. */
export function parseCheckinCode(raw: string | null | undefined): ScannedCode | null {
  if (!raw) return null
  const match = TOKEN.exec(safeDecode(String(raw).trim()))
  return match ? { activityId: match[1], token: match[0] } : null
}

/** From the page's params, in order: `t`, `q`. */
export function checkinCodeFromParams(params: { t?: string; q?: string } | null | undefined): ScannedCode | null {
  if (!params) return null
  return parseCheckinCode(params.t) ?? parseCheckinCode(params.q)
}

const pad = (n: number) => String(n).padStart(2, '0')

/** 12-01 09:00–11:00, or across days 12-01 09:00 – 12-02 10:00. */
export function activityTime(a: Pick<ActivitySummary, 'startAt' | 'endAt'>): string {
  const s = new Date(a.startAt)
  const e = new Date(a.endAt)
  const day = (d: Date) => `${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
  const time = (d: Date) => `${pad(d.getHours())}:${pad(d.getMinutes())}`
  return day(s) === day(e) ? `${day(s)} ${time(s)}–${time(e)}` : `${day(s)} ${time(s)} – ${day(e)} ${time(e)}`
}

/** 进行中 / 即将开始 / 已结束 … as the member reads it. */
export function activityPhase(a: Pick<ActivitySummary, 'startAt' | 'endAt' | 'status'>, now: Date = new Date()): string {
  if (a.status === 'cancelled') return ACTIVITY_STATUS_LABELS.cancelled
  if (a.status === 'ended' || new Date(a.endAt).getTime() < now.getTime()) return ACTIVITY_STATUS_LABELS.ended
  if (new Date(a.startAt).getTime() <= now.getTime()) return '进行中'
  return ACTIVITY_STATUS_LABELS.published
}

/** 1.2 公里 / 350 米 */
export function distanceText(m: number | null | undefined): string {
  if (m === null || m === undefined) return ''
  return m >= 1000 ? `${(m / 1000).toFixed(1)} 公里` : `${Math.round(m)} 米`
}

/** 2 小时 30 分钟 */
export function minutesText(minutes: number): string {
  const sign = minutes < 0 ? '-' : ''
  const m = Math.abs(Math.round(minutes))
  const h = Math.floor(m / 60)
  const rest = m % 60
  if (h === 0) return `${sign}${rest} 分钟`
  return rest ? `${sign}${h} 小时 ${rest} 分钟` : `${sign}${h} 小时`
}

export const attendanceLabel = (s: AttendanceStatus) => ATTENDANCE_STATUS_LABELS[s]
export const hoursLabel = (s: HoursStatus) => HOURS_STATUS_LABELS[s]

/** The half years a member can switch between: this one and the five before it, newest first. */
export function recentHalfYears(now: Date = new Date(), count = 6): Array<{ key: string; label: string }> {
  const out: Array<{ key: string; label: string }> = []
  let year = now.getFullYear()
  let half = now.getMonth() < 6 ? 1 : 2
  for (let i = 0; i < count; i++) {
    out.push({ key: `${year}H${half}`, label: `${year}年${half === 1 ? '上' : '下'}半年` })
    if (half === 2) half = 1
    else {
      half = 2
      year -= 1
    }
  }
  return out
}

/** Start time chosen by quick picks: now (to the minute), in an hour (to the hour), tomorrow 09:00. */
export function quickStart(kind: 'now' | 'hour' | 'tomorrow', now: Date = new Date()): Date {
  const d = new Date(now)
  d.setSeconds(0, 0)
  if (kind === 'hour') {
    d.setHours(d.getHours() + 1, 0)
  } else if (kind === 'tomorrow') {
    d.setDate(d.getDate() + 1)
    d.setHours(9, 0)
  }
  return d
}

/** YYYY-MM-DD and HH:mm of a date (picker values). */
export function pickerParts(d: Date): { day: string; time: string } {
  return { day: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, time: `${pad(d.getHours())}:${pad(d.getMinutes())}` }
}

/** A picker day and time back to a Date (local time), or null. */
export function fromPickerParts(day: string, time: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day)
  const t = /^(\d{2}):(\d{2})$/.exec(time)
  if (!m || !t) return null
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(t[1]), Number(t[2]))
  return Number.isNaN(d.getTime()) ? null : d
}
