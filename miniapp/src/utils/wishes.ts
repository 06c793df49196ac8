import type { DispatchStatus, ProjectStatus, WishStatus } from '@nuancheng/shared'
import { PROJECT_STATUS_LABELS, WISH_STATUS_LABELS } from '@nuancheng/shared/constants'

/**
 * UI around wish and project statuses (labels with a fallback, tag tones, wall order) and the consent wording.
 * The values themselves (statuses, labels, categories, consent version) come from '@nuancheng/shared/constants'.
 */

/**
 * The separate consent for sensitive personal information (PIPL art. 29), shown above its own checkbox with
 * WISH_CONSENT_VERSION from shared: bump that version whenever this wording changes.
 */
export const WISH_CONSENT_TEXT =
  '我同意社区为办理本心愿处理受助人的姓名、联系电话和困难类别等敏感个人信息：仅本社区工作人员和认领人可见，' +
  '心愿墙只显示姓氏，心愿办结后按规定期限保存。'

export function wishStatusLabel(status: string): string {
  return (WISH_STATUS_LABELS as Record<string, string>)[status] ?? status
}

export function projectStatusLabel(status: string): string {
  return (PROJECT_STATUS_LABELS as Record<string, string>)[status] ?? status
}

/** Colour family of a status tag: waiting on someone, in progress, done, stopped. */
export type StatusTone = 'warning' | 'primary' | 'success' | 'gray' | 'danger'

const WISH_TONES: Record<WishStatus, StatusTone> = {
  submitted: 'warning',
  held: 'warning',
  rejected: 'gray',
  withdrawn: 'gray',
  published: 'primary',
  claimed: 'warning',
  fulfilled: 'success',
  disputed: 'danger',
  confirmed: 'success'
}

const PROJECT_TONES: Record<ProjectStatus, StatusTone> = {
  open: 'primary',
  claimed: 'warning',
  completed: 'success',
  verified: 'success'
}

/** A dispatch's tone, beside DISPATCH_STATUS_LABELS (the board and the unit's list). */
export const DISPATCH_TONES: Record<DispatchStatus, StatusTone> = {
  pending: 'warning',
  accepted: 'success',
  declined: 'gray',
  escalated: 'danger'
}

export function wishStatusTone(status: string): StatusTone {
  return (WISH_TONES as Record<string, StatusTone>)[status] ?? 'gray'
}

export function projectStatusTone(status: string): StatusTone {
  return (PROJECT_TONES as Record<string, StatusTone>)[status] ?? 'gray'
}

/** Wall order: still waiting for a claimant first, then the rest; the server's order (newest first) within each. */
export function publishedFirst<T extends { status: string }>(items: readonly T[]): T[] {
  const waiting = items.filter((w) => w.status === 'published')
  return [...waiting, ...items.filter((w) => w.status !== 'published')]
}
