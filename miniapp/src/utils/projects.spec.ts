import { CreateProjectSchema, ProjectUpdateInputSchema } from '../../../shared/src/projects'
import type { RoleAssignment } from '@nuancheng/shared'

const ra = (role: RoleAssignment['role'], scopeId: string): RoleAssignment => ({
  id: `${role}-${scopeId}`,
  role,
  scopeKind: 'region',
  scopeId,
  scopeName: scopeId
})
import { defaultProjectQuery, projectFormError, projectUpdateError } from './projects'

describe('project forms follow the server schemas', () => {
  it('update', () => {
    expect(projectUpdateError('50', '已栽种 200 株', 1)).toBeNull()
    expect(ProjectUpdateInputSchema.safeParse({ percent: 50, note: '已栽种 200 株', photoIds: ['p'] }).success).toBe(true)
    expect(projectUpdateError('101', '已栽种', 0)).toMatch(/0–100/)
    expect(projectUpdateError('5.5', '已栽种', 0)).toMatch(/0–100/)
    expect(projectUpdateError('5', '栽', 0)).toMatch(/说明/)
  })
  it('post', () => {
    const ok = { regionId: 'r', title: '小区绿化', description: '补种苗木 415 株', location: '康都小区', estimatedScale: '' }
    expect(projectFormError(ok)).toBeNull()
    expect(CreateProjectSchema.safeParse({ ...ok, estimatedScale: undefined }).success).toBe(true)
    expect(projectFormError({ ...ok, title: '绿' })?.field).toBe('title')
    expect(CreateProjectSchema.safeParse({ ...ok, title: '绿' }).success).toBe(false)
    expect(projectFormError({ ...ok, regionId: '' })?.field).toBe('regionId')
  })
  it('default list filter', () => {
    expect(defaultProjectQuery([ra('street_official', 'st-1')])).toEqual({ streetId: 'st-1' })
    expect(defaultProjectQuery([ra('community_staff', 'c-1')])).toEqual({ communityId: 'c-1' })
    expect(defaultProjectQuery([ra('committee_admin', 'city')])).toEqual({})
  })
})
