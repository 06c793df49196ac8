import type {
  AssessPledge,
  BranchesWithoutProjectPage,
  BranchPage,
  CompletePledge,
  MyPledges,
  Pledge,
  PledgeInput,
  PledgeListRole,
  PledgePage,
  PledgeProgressInput,
  PledgeStatus,
  PublicPledgePage,
  ReviewPledge,
  TimelineEntry
} from '@nuancheng/shared'
import { get, once, post, recordPath, request } from './request'

const id = recordPath('/api/pledges')

export interface PledgeQuery {
  role?: PledgeListRole
  status?: PledgeStatus
  overdue?: boolean
  todo?: boolean
  branchId?: string
  year?: number
  page?: number
  pageSize?: number
}

/** A community's public pledges (no sign-in; the community page renders failures itself). */
export const fetchPublicPledges = (communityCode: string, page = 1, pageSize = 5) =>
  get<PublicPledgePage>('/api/pledges/public', { data: { communityCode, page, pageSize }, auth: false, toast: false })

export const fetchMyPledges = () => get<MyPledges>('/api/pledges/mine', { toast: false })
export const fetchPledge = (pledgeId: string) => get<Pledge>(id(pledgeId), { toast: false })
export const fetchPledgeTimeline = (pledgeId: string) => get<{ items: TimelineEntry[] }>(`${id(pledgeId)}/timeline`, { toast: false })
export const fetchPledges = (query: PledgeQuery) =>
  get<PledgePage>('/api/pledges', {
    data: { ...query, overdue: query.overdue ? 'true' : undefined, todo: query.todo ? 'true' : undefined },
    toast: false
  })

export const makePledge = (input: PledgeInput) => post<Pledge>('/api/pledges', input, once)
export const revisePledge = (pledgeId: string, input: PledgeInput) => request<Pledge>(id(pledgeId), { method: 'PUT', data: input, retries: 0 })
export const reviewPledge = (pledgeId: string, input: ReviewPledge) => post<Pledge>(`${id(pledgeId)}/review`, input, once)
export const postPledgeProgress = (pledgeId: string, input: PledgeProgressInput) => post<Pledge>(`${id(pledgeId)}/progress`, input, once)
export const completePledge = (pledgeId: string, input: CompletePledge) => post<Pledge>(`${id(pledgeId)}/complete`, input, once)
export const assessPledge = (pledgeId: string, input: AssessPledge) => post<Pledge>(`${id(pledgeId)}/assessments`, input, once)

export const fetchBranchPage = (branchId: string, year?: number) =>
  get<BranchPage>(`/api/branches/${encodeURIComponent(branchId)}`, { data: { year }, toast: false })
export const fetchBranchesWithoutProject = (page: number, year?: number) =>
  get<BranchesWithoutProjectPage>('/api/branches/without-project', { data: { page, pageSize: 50, year }, toast: false })
