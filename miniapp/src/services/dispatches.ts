import type { Dispatch, DispatchAnswer } from '@nuancheng/shared'
import { get, post } from './request'

/** Org admin: wishes the street dispatched to my units, open ones first. */
export async function fetchMyDispatches(): Promise<Dispatch[]> {
  const res = await get<{ items: Dispatch[] }>('/api/me/dispatches', { toast: false })
  return res.items ?? []
}

/** 204 No Content on success. */
export function answerDispatch(dispatchId: string, answer: DispatchAnswer): Promise<unknown> {
  return post<unknown>(`/api/dispatches/${encodeURIComponent(dispatchId)}/answer`, answer, { retries: 0 })
}
