import type {
  CreatePost,
  LogShift,
  Member,
  MyPosts,
  PostHolding,
  ServicePostDetail,
  ServicePostPage,
  Shift,
  ShiftPage,
  ShiftStatus,
  UpdatePost
} from '@nuancheng/shared'
import { get, once, post, recordPath, request } from './request'

const postUrl = recordPath('/api/posts')
const holdingUrl = recordPath('/api/post-holdings')
const shiftUrl = recordPath('/api/post-shifts')

/** 党员服务岗位: posts, holdings (认岗) and shifts (值守记录). */
export const fetchPosts = (query: { communityId?: string; streetId?: string; page: number; pageSize?: number }) =>
  get<ServicePostPage>('/api/posts', { data: { pageSize: 20, ...query }, toast: false })
export const fetchPost = (postId: string) => get<ServicePostDetail>(postUrl(postId), { toast: false })
export const publishPost = (input: CreatePost) => post<ServicePostDetail>('/api/posts', input, once)
export const updatePost = (postId: string, input: UpdatePost) =>
  request<ServicePostDetail>(postUrl(postId), { method: 'PATCH', data: input, retries: 0 })
export const takePost = (postId: string, memberId?: string) => post<ServicePostDetail>(`${postUrl(postId)}/take`, memberId ? { memberId } : {}, once)

export const fetchMyPosts = () => get<MyPosts>('/api/post-holdings/mine', { toast: false })
export const releaseHolding = (holdingId: string, reason?: string) =>
  post<PostHolding>(`${holdingUrl(holdingId)}/release`, reason ? { reason } : {}, once)
export const logShift = (holdingId: string, input: LogShift) => post<Shift>(`${holdingUrl(holdingId)}/shifts`, input, once)

export const fetchMyShifts = (page: number) => get<ShiftPage>('/api/post-shifts/mine', { data: { page, pageSize: 20 }, toast: false })
export const fetchShifts = (status: ShiftStatus, page: number, pageSize = 20) =>
  get<ShiftPage>('/api/post-shifts', { data: { status, page, pageSize }, toast: false })
export const confirmShift = (shiftId: string) => post<Shift>(`${shiftUrl(shiftId)}/confirm`, {}, once)
export const rejectShift = (shiftId: string, reason: string) => post<Shift>(`${shiftUrl(shiftId)}/reject`, { reason }, once)

/** The roster of a unit the org admin manages (GET /api/organisations/:id/members, phones masked). */
export const fetchUnitMembers = (organisationId: string) =>
  get<{ items: Member[] }>(`/api/organisations/${encodeURIComponent(organisationId)}/members`, { toast: false })
