import { CreateProjectSchema, ProjectUpdateInputSchema } from '../../../shared/src/projects'
import type { RoleAssignment } from '@nuancheng/shared'
import { defaultProjectQuery, projectActions, projectFormError, projectUpdateError } from './projects'

const ra = (role: RoleAssignment['role'], scopeId: string): RoleAssignment => ({ id: `${role}-${scopeId}`, role, scopeKind: 'region', scopeId, scopeName: scopeId })
const project = (status: 'open' | 'claimed' | 'completed' | 'verified', org: string | null = null) => ({
  status,
  organisation: org ? { id: org, name: org } : null,
  street: { id: 'st-1', name: '汇丰街道' }
})

describe('projectActions', () => {
  const orgAdmin = [{ ...ra('org_admin', 'unit-1'), scopeKind: 'organisation' as const }]
  const official = [ra('street_official', 'st-1')]
  it('org admin claims an open project, then updates and completes it', () => {
    expect(projectActions(project('open'), orgAdmin)).toEqual(['claim'])
    expect(projectActions(project('claimed', 'unit-1'), orgAdmin)).toEqual(['update', 'complete'])
    expect(projectActions(project('completed', 'unit-1'), orgAdmin)).toEqual([])
    expect(projectActions(project('claimed', 'unit-2'), orgAdmin)).toEqual([])
  })
  it('the street official of its street verifies', () => {
    expect(projectActions(project('completed', 'unit-1'), official)).toEqual(['verify'])
    expect(projectActions(project('completed', 'unit-1'), [ra('street_official', 'st-2')])).toEqual([])
    expect(projectActions(project('open'), official)).toEqual([])
  })
  it('a resident gets nothing', () => expect(projectActions(project('open'), [])).toEqual([]))
})

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
