import type {
  ClaimWish,
  ConfirmWish,
  CreateWish,
  DispatchWish,
  FulfilWish,
  ResubmitWish,
  ReviewWish,
  TimelineEntry,
  WishContact,
  WishDetail,
  WishListQuery,
  WishPage,
  WishSummaryPage,
  OverdueBoardPage,
  MyWishCounts
} from '@nuancheng/shared'
import { get, once, post, recordPath } from './request'

export type WallQuery = Partial<Pick<WishListQuery, 'communityId' | 'communityCode' | 'streetId' | 'status' | 'category'>> & {
  page?: number
  pageSize?: number
}

const id = recordPath('/api/wishes')

/** The public wall (no sign-in): published and later, beneficiaries masked. Pages render errors themselves. */
export function fetchWall(query: WallQuery): Promise<WishPage> {
  return get<WishPage>('/api/wishes', { data: query, auth: false, toast: false })
}

/** One wish; with a token the answer also carries what the caller may do (`actions`) and, if allowed, contacts. */
export function fetchWish(wishId: string): Promise<WishDetail> {
  return get<WishDetail>(id(wishId), { toast: false })
}

export async function fetchTimeline(wishId: string): Promise<TimelineEntry[]> {
  const res = await get<{ items: TimelineEntry[] }>(`${id(wishId)}/timeline`, { toast: false })
  return res.items ?? []
}

export const postWish = (input: CreateWish) => post<WishDetail>('/api/wishes', input, once)

export const fetchMyWishes = (page = 1) => get<WishSummaryPage>('/api/me/wishes', { data: { page }, toast: false })
export const fetchMyWishCounts = () => get<MyWishCounts>('/api/me/wishes/counts', { toast: false })
export const fetchMyClaims = (page = 1) => get<WishSummaryPage>('/api/me/claims', { data: { page }, toast: false })
export const fetchReviewQueue = (page = 1) => get<WishSummaryPage>('/api/wishes/review-queue', { data: { page }, toast: false })
export const fetchOverdue = (page = 1) => get<OverdueBoardPage>('/api/wishes/overdue', { data: { page }, toast: false })

export const reviewWish = (wishId: string, input: ReviewWish) => post<WishDetail>(`${id(wishId)}/review`, input, once)
export const resubmitWish = (wishId: string, input: ResubmitWish) => post<WishDetail>(`${id(wishId)}/resubmit`, input, once)
export const withdrawWish = (wishId: string) => post<WishDetail>(`${id(wishId)}/withdraw`, {}, once)
export const claimWish = (wishId: string, input: ClaimWish = {}) => post<WishDetail>(`${id(wishId)}/claim`, input, once)
export const releaseWish = (wishId: string, reason: string) => post<WishDetail>(`${id(wishId)}/release`, { reason }, once)
export const revokeClaim = (wishId: string, reason: string) => post<WishDetail>(`${id(wishId)}/revoke`, { reason }, once)
export const fulfilWish = (wishId: string, input: FulfilWish) => post<WishDetail>(`${id(wishId)}/fulfil`, input, once)
export const confirmWish = (wishId: string, input: ConfirmWish) => post<WishDetail>(`${id(wishId)}/confirm`, input, once)
export const disputeWish = (wishId: string, reason: string) => post<WishDetail>(`${id(wishId)}/dispute`, { reason }, once)
export const reopenWish = (wishId: string, reason: string) => post<WishDetail>(`${id(wishId)}/reopen`, { reason }, once)
export const dispatchWish = (wishId: string, input: DispatchWish) => post<WishDetail>(`${id(wishId)}/dispatch`, input, once)
/** Break-glass: an official above the community states a reason and gets one beneficiary's contact (audited). */
export const revealContact = (wishId: string, reason: string) => post<WishContact>(`${id(wishId)}/contact`, { reason }, once)
