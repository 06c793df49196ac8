import type { DeleteAccountResult } from '@nuancheng/shared'
import { DELETE_ACCOUNT_CONFIRM } from '@nuancheng/shared/constants'
import { get, post } from './request'

/** Everything the server holds about me (the JSON document of GET /api/me/data). */
export function fetchMyData(): Promise<Record<string, unknown>> {
  return get<Record<string, unknown>>('/api/me/data', { toast: false })
}

/** 注销账号: sent once the resident has confirmed in the dialog; never retried. */
export function deleteMyAccount(): Promise<DeleteAccountResult> {
  return post<DeleteAccountResult>('/api/me/delete', { confirm: DELETE_ACCOUNT_CONFIRM }, { toast: false, retries: 0 })
}
