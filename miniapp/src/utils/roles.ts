import type { Role, RoleAssignment } from '@nuancheng/shared'
import { ROLE_LABELS } from '@nuancheng/shared/constants'

/** UI around roles: display order, workbench URLs and entry cells. The labels themselves come from shared. */

/** Display order, most personal first. */
export const ROLE_ORDER: Role[] = [
  'resident',
  'member',
  'community_staff',
  'branch_secretary',
  'org_admin',
  'street_official',
  'committee_admin',
  'system_admin'
]

export function roleLabel(role: string): string {
  return (ROLE_LABELS as Record<string, string>)[role] ?? role
}

/** The workbench (subpackage home) each role opens from 我的 / 首页. */
export const ROLE_HOME: Record<Role, string> = {
  resident: '/packages/resident/pages/home/index',
  member: '/packages/member/pages/profile/index',
  community_staff: '/packages/staff/pages/home/index',
  branch_secretary: '/packages/admin/pages/home/index',
  org_admin: '/packages/admin/pages/home/index',
  street_official: '/packages/admin/pages/home/index',
  committee_admin: '/packages/admin/pages/home/index',
  system_admin: '/packages/admin/pages/home/index'
}

export function roleHome(role: string): string | null {
  return (ROLE_HOME as Record<string, string>)[role] ?? null
}

/** Roles served by the admin workbench (packages/admin). */
export const ADMIN_ROLES: Role[] = ['branch_secretary', 'org_admin', 'street_official', 'committee_admin', 'system_admin']

export function sortRoles<T extends Pick<RoleAssignment, 'role'>>(roles: readonly T[]): T[] {
  const rank = (r: string) => {
    const i = ROLE_ORDER.indexOf(r as Role)
    return i === -1 ? ROLE_ORDER.length : i
  }
  return [...roles].sort((a, b) => rank(a.role) - rank(b.role))
}

/** Entry-point cells: one per distinct workbench, labelled by the roles it serves. */
export interface RoleEntry {
  url: string
  title: string
  roles: RoleAssignment[]
}

export function roleEntries(roles: readonly RoleAssignment[]): RoleEntry[] {
  const byUrl = new Map<string, RoleEntry>()
  for (const assignment of sortRoles(roles)) {
    const url = roleHome(assignment.role)
    if (!url) continue
    const entry = byUrl.get(url)
    if (entry) entry.roles.push(assignment)
    else byUrl.set(url, { url, title: WORKBENCH_TITLES[url] ?? roleLabel(assignment.role), roles: [assignment] })
  }
  return [...byUrl.values()]
}

const WORKBENCH_TITLES: Record<string, string> = {
  '/packages/resident/pages/home/index': '我的微心愿',
  '/packages/member/pages/profile/index': '党员名片',
  '/packages/staff/pages/home/index': '社区工作台',
  '/packages/admin/pages/home/index': '管理工作台'
}

/** 王** style display is done by the server; this only formats a role with its scope: 社区工作者 · 康都社区. */
export function describeRole(assignment: Pick<RoleAssignment, 'role' | 'scopeName'>): string {
  const label = roleLabel(assignment.role)
  return assignment.scopeName ? `${label} · ${assignment.scopeName}` : label
}
