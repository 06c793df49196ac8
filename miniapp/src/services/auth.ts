import type { AuthResult, Me } from '@nuancheng/shared'
import { get, post } from './request'

/** One dev persona as listed by GET /api/dev/personas (dev mode only; 404 in live mode). */
export interface DevPersona {
  code: string
  label: string
}

/** Exchanges a wx.login code (or `dev:<persona>` in dev mode) for a token. */
export function signInWithWechat(code: string): Promise<AuthResult> {
  return post<AuthResult>('/api/auth/wechat', { code }, { auth: false, redirectOn401: false })
}

export function fetchMe(options?: { toast?: boolean }): Promise<Me> {
  return get<Me>('/api/me', options)
}

/** Binds the phone number from `<Button openType="getPhoneNumber">` (dev: `dev-phone:13800001234`). */
export function bindPhone(code: string, options?: { toast?: boolean }): Promise<Me> {
  return post<Me>('/api/me/phone', { code }, options)
}

export async function fetchDevPersonas(): Promise<DevPersona[]> {
  const res = await get<{ items: DevPersona[] }>('/api/dev/personas', { auth: false, toast: false })
  return res.items ?? []
}

/** Ends this session on the server (sign-out); the caller forgets the tokens. */
export const signOutOnServer = () => post<void>('/api/auth/sign-out', {}, { toast: false, retries: 0, redirectOn401: false })
