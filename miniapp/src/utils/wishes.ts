import type { HardshipCategory, ProjectStatus, WishCategory, WishStatus, WishSummary } from '@nuancheng/shared'

/**
 * Runtime copies of values in shared/src/wishes.ts and projects.ts (the mini-program may only `import type`
 * from @nuancheng/shared). wishes.spec.ts keeps them equal to the originals.
 */
export const WISH_STATUS_LABELS: Record<WishStatus, string> = {
  submitted: '待审核',
  held: '待人工复核',
  rejected: '未通过',
  withdrawn: '已撤回',
  published: '待认领',
  claimed: '已认领',
  fulfilled: '已圆梦',
  disputed: '有异议',
  confirmed: '已确认'
}

export const PUBLIC_WISH_STATUSES = ['published', 'claimed', 'fulfilled', 'disputed', 'confirmed'] as const satisfies readonly WishStatus[]

export const WISH_CATEGORIES = ['生活用品', '学习用品', '医疗健康', '家用电器', '助老助残', '其他'] as const satisfies readonly WishCategory[]

export const HARDSHIP_CATEGORIES = ['低保', '特困', '残疾', '独居老人', '困难学生', '其他'] as const satisfies readonly HardshipCategory[]

/** Version of the consent text below; the server records it with the wish. Bump both together with shared. */
export const WISH_CONSENT_VERSION = '2026-11-v1'

/** The separate consent for sensitive personal information (PIPL art. 29), shown above its own checkbox. */
export const WISH_CONSENT_TEXT =
  '我同意社区为办理本心愿处理受助人的姓名、联系电话和困难类别等敏感个人信息：仅本社区工作人员和认领人可见，' +
  '心愿墙只显示姓氏，心愿办结后按规定期限保存。'

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  open: '待认领',
  claimed: '推进中',
  completed: '待验收',
  verified: '已验收'
}

export const OVERDUE_LABELS: Record<NonNullable<WishSummary['overdue']>, string> = {
  unclaimed: '长期无人认领',
  claim_deadline_passed: '认领超期未完成',
  dispatch_unanswered: '派单未答复'
}

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
