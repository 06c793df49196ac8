import type { MyRegistration } from '@nuancheng/shared'
import { POST_LIMITS, REGISTRATION_STATUS_LABELS } from '@nuancheng/shared/constants'
import { beijingDay } from './format'

/** Pure helpers of the registration and service-post pages (no Taro: unit-tested under jest). */

/** The member card's registration line: 未报到 / 待社区确认 康都社区 / 已报到 康都社区. */
export function registrationLine(my: MyRegistration | null): { state: MyRegistration['state']; label: string; community: string | null } {
  if (!my || my.state === 'none') return { state: 'none', label: '未报到', community: null }
  if (my.state === 'pending') return { state: 'pending', label: REGISTRATION_STATUS_LABELS.pending, community: my.pending?.community.name ?? null }
  return { state: 'registered', label: REGISTRATION_STATUS_LABELS.confirmed, community: my.active?.community.name ?? null }
}

/** A Beijing date (YYYY-MM-DD) `daysAgo` days before now, whatever the phone's time zone. */
export function beijingDate(daysAgo = 0, now: Date = new Date()): string {
  return beijingDay(new Date(now.getTime() - daysAgo * 86400_000))
}

/** 90 → 1 小时 30 分钟; 45 → 45 分钟. */
export function minutesText(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (!h) return `${m} 分钟`
  return m ? `${h} 小时 ${m} 分钟` : `${h} 小时`
}

/** The shift form's first problem (field and message), or null: the server checks the same rules. */
export function shiftFormError(
  v: { date: string; minutes: string; content: string },
  photos: { busy: boolean; failed: number }
): { field: string; message: string } | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v.date)) return { field: 'date', message: '请选择值守日期' }
  const minutes = Number(v.minutes.trim())
  if (!v.minutes.trim() || !Number.isInteger(minutes) || minutes < POST_LIMITS.shiftMinutesMin || minutes > POST_LIMITS.shiftMinutesMax) {
    return { field: 'minutes', message: `服务时长请填写 ${POST_LIMITS.shiftMinutesMin}–${POST_LIMITS.shiftMinutesMax} 分钟的整数` }
  }
  const content = v.content.trim()
  if (content.length < POST_LIMITS.shiftContentMin) return { field: 'content', message: '请写一写做了什么' }
  if (content.length > POST_LIMITS.shiftContentMax) return { field: 'content', message: `内容最多 ${POST_LIMITS.shiftContentMax} 个字` }
  if (photos.busy) return { field: 'photos', message: '照片还在上传，请稍候' }
  if (photos.failed) return { field: 'photos', message: '有照片上传失败，请重试或删除' }
  return null
}

/** The post form's first problem, or null. */
export function postFormError(v: {
  communityId: string
  type: string
  description: string
  places: string
}): { field: string; message: string } | null {
  if (!v.communityId) return { field: 'communityId', message: '请选择社区' }
  if (!v.type) return { field: 'type', message: '请选择岗位类型' }
  const description = v.description.trim()
  if (description.length < POST_LIMITS.descriptionMin) return { field: 'description', message: '请填写岗位职责' }
  if (description.length > POST_LIMITS.descriptionMax) return { field: 'description', message: `岗位职责最多 ${POST_LIMITS.descriptionMax} 个字` }
  const places = Number(v.places.trim())
  if (!Number.isInteger(places) || places < POST_LIMITS.placesMin || places > POST_LIMITS.placesMax) {
    return { field: 'places', message: `名额请填写 ${POST_LIMITS.placesMin}–${POST_LIMITS.placesMax} 的整数` }
  }
  return null
}
