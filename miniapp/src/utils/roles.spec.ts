import type { RoleAssignment } from '@nuancheng/shared'
import { ROLES } from '@nuancheng/shared/constants'
import { ROLE_HOME, ROLE_ORDER, describeRole, roleEntries, roleLabel, sortRoles } from './roles'

const ra = (role: RoleAssignment['role'], scopeName: string | null = null): RoleAssignment => ({
  id: `${role}-${scopeName}`,
  role,
  scopeKind: scopeName ? 'region' : null,
  scopeId: scopeName ? 'x' : null,
  scopeName
})

describe('role labels', () => {
  it('every role has a workbench and a place in the display order', () => {
    expect(Object.keys(ROLE_HOME).sort()).toEqual([...ROLES].sort())
    expect([...ROLE_ORDER].sort()).toEqual([...ROLES].sort())
  })
  it('falls back to the raw role name', () => {
    expect(roleLabel('resident')).toBe('居民')
    expect(roleLabel('mystery')).toBe('mystery')
  })
  it('describes a role with its scope', () => {
    expect(describeRole(ra('community_staff', '康都社区'))).toBe('社区工作者 · 康都社区')
    expect(describeRole(ra('resident'))).toBe('居民')
  })
})

describe('roleEntries', () => {
  it('sorts and groups roles by workbench', () => {
    const roles = [ra('committee_admin', '临河区'), ra('community_staff', '康都社区'), ra('org_admin', '市林草局'), ra('resident')]
    expect(sortRoles(roles).map((r) => r.role)).toEqual(['resident', 'community_staff', 'org_admin', 'committee_admin'])
    const entries = roleEntries(roles)
    expect(entries.map((e) => e.title)).toEqual(['我的微心愿', '社区工作台', '管理工作台'])
    expect(entries[2].roles.map((r) => r.scopeName)).toEqual(['市林草局', '临河区'])
  })
})
