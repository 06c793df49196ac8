import type { ProjectOfferedAction, RoleAssignment } from '@nuancheng/shared'
import { PROJECT_LIMITS as L } from '@nuancheng/shared/constants'

/** What the caller may do with a 民生实事: the server's project workflow offers it in `Project.actions`. */
export type ProjectAction = ProjectOfferedAction

export const PROJECT_ACTION_LABELS: Record<ProjectAction, string> = {
  claim: '单位认领',
  update: '更新进展',
  complete: '申请验收',
  verify: '验收通过'
}

type Roles = readonly Pick<RoleAssignment, 'role' | 'scopeId' | 'scopeName' | 'scopeKind'>[]

/** Organisations the caller may claim for (org admin or branch secretary scopes, 一支部一实事). */
export function orgAdminScopes<T extends Roles[number]>(roles: readonly T[]): T[] {
  return roles.filter((r) => (r.role === 'org_admin' || r.role === 'branch_secretary') && r.scopeId)
}

/** Who may post a project, and where: communities (community_staff) and streets (street_official) in scope. */
export function projectPostScopes<T extends Roles[number]>(roles: readonly T[]): T[] {
  return roles.filter((r) => (r.role === 'community_staff' || r.role === 'street_official') && r.scopeId)
}

/** List filter for the caller's first region scope: a street official sees their street, staff their community. */
export function defaultProjectQuery(roles: Roles): { streetId?: string; communityId?: string } {
  if (roles.some((r) => r.role === 'committee_admin' || r.role === 'org_admin' || r.role === 'system_admin')) return {}
  const street = roles.find((r) => r.role === 'street_official' && r.scopeId)
  if (street) return { streetId: street.scopeId! }
  const community = roles.find((r) => r.role === 'community_staff' && r.scopeId)
  if (community) return { communityId: community.scopeId! }
  return {}
}

/** ProjectUpdateInputSchema: percent 0–100 (integer), note 2–500, ≤ 9 photos (PROJECT_LIMITS). */
export function projectUpdateError(percent: string, note: string, photoCount: number): string | null {
  const p = percent.trim()
  if (!/^\d+$/.test(p) || Number(p) > 100) return '进度为 0–100 的整数'
  const n = Array.from(note.trim()).length
  if (n < L.updateNoteMin) return '请填写进展说明'
  if (n > L.updateNoteMax) return `进展说明最多 ${L.updateNoteMax} 个字`
  if (photoCount > L.updatePhotosMax) return `最多上传 ${L.updatePhotosMax} 张照片`
  return null
}

/** CreateProjectSchema's rules (PROJECT_LIMITS). */
export function projectFormError(v: {
  regionId: string
  title: string
  description: string
  location: string
  estimatedScale: string
}): { field: string; message: string } | null {
  const len = (s: string) => Array.from(s.trim()).length
  if (!v.regionId) return { field: 'regionId', message: '请选择社区或街道' }
  if (len(v.title) < L.titleMin) return { field: 'title', message: '请填写项目名称' }
  if (len(v.title) > L.titleMax) return { field: 'title', message: `项目名称最多 ${L.titleMax} 个字` }
  if (len(v.description) < L.descriptionMin) return { field: 'description', message: '请填写项目说明' }
  if (len(v.description) > L.descriptionMax) return { field: 'description', message: `项目说明最多 ${L.descriptionMax} 个字` }
  if (len(v.location) < L.locationMin) return { field: 'location', message: '请填写实施地点' }
  if (len(v.location) > L.locationMax) return { field: 'location', message: `实施地点最多 ${L.locationMax} 个字` }
  if (len(v.estimatedScale) > L.estimatedScaleMax) return { field: 'estimatedScale', message: `规模说明最多 ${L.estimatedScaleMax} 个字` }
  return null
}
