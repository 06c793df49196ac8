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

/**
 * The words and the tag tone of a status, from its labels and tones: `label` falls back to the status itself, `tone`
 * to gray (a status the app does not know yet).
 */
export function statusWords<S extends string>(labels: Record<S, string>, tones: Record<S, StatusTone>) {
  return {
    label: (status: string): string => (labels as Record<string, string>)[status] ?? status,
    tone: (status: string): StatusTone => (tones as Record<string, StatusTone>)[status] ?? 'gray'
  }
}

export const { label: wishStatusLabel, tone: wishStatusTone } = statusWords(WISH_STATUS_LABELS, WISH_TONES)
export const { label: projectStatusLabel, tone: projectStatusTone } = statusWords(PROJECT_STATUS_LABELS, PROJECT_TONES)

/** Wall order: still waiting for a claimant first, then the rest; the server's order (newest first) within each. */
export function publishedFirst<T extends { status: string }>(items: readonly T[]): T[] {
  const waiting = items.filter((w) => w.status === 'published')
  return [...waiting, ...items.filter((w) => w.status !== 'published')]
}
