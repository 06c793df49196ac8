import type { ConsentScope, MyConsents } from '@nuancheng/shared'
import { PRIVACY_NOTICE } from '@nuancheng/shared/constants'
import { get, post } from './request'
import { getToken } from './token'

/** My consent per scope for the notice in force (GET /api/me/consents). */
export function fetchMyConsents(): Promise<MyConsents> {
  return get<MyConsents>('/api/me/consents', { toast: false })
}

/** Records a grant or a withdrawal of scopes of the notice this build shows (POST /api/me/consents). */
export function recordConsent(scopes: ConsentScope[], decision: 'granted' | 'withdrawn'): Promise<MyConsents> {
  return post<MyConsents>('/api/me/consents', { noticeVersion: PRIVACY_NOTICE.version, scopes, decision }, { toast: false, retries: 0 })
}

type Ask = (scope: ConsentScope) => Promise<boolean>

/** The privacy sheets mounted on the page shown (the latest mounted answers, like WeChat's own listener). */
const askers: Ask[] = []
/** Scopes granted to the current notice, per signed-in token (a new account asks again). */
let granted: { token: string; scopes: Set<ConsentScope> } | null = null

/** A mounted privacy sheet offers to ask; returns its removal. */
export function registerConsentAsker(ask: Ask): () => void {
  askers.push(ask)
  return () => {
    const at = askers.lastIndexOf(ask)
    if (at >= 0) askers.splice(at, 1)
  }
}

/** Marks scopes granted after the sheet recorded them (weapp's flow, or H5's). */
export function rememberGranted(scopes: ConsentScope[]): void {
  const token = getToken()
  if (!token) return
  if (!granted || granted.token !== token) granted = { token, scopes: new Set() }
  for (const scope of scopes) granted.scopes.add(scope)
}

/** Forgets scopes after a withdrawal (隐私与授权): the privacy sheet asks again before their next use. */
export function forgetGranted(scopes: ConsentScope[]): void {
  if (!granted || granted.token !== getToken()) return
  for (const scope of scopes) granted.scopes.delete(scope)
}

/**
 * Before the first phone binding, location read or photo pick: the resident's consent to that scope of the
 * notice in force, asked in our privacy sheet and recorded on the server (PIPL art. 14). On weapp WeChat runs
 * its own privacy-authorization flow before those APIs (wx.onNeedPrivacyAuthorization → PrivacyGate), so this
 * only asks on H5. Resolves false when the resident declines (the action is then not taken).
 */
export async function ensureConsent(scope: ConsentScope): Promise<boolean> {
  if (process.env.TARO_ENV === 'weapp') return true
  const token = getToken()
  if (!token) return true // signing in comes first; every one of these actions needs it
  if (granted?.token === token && granted.scopes.has(scope)) return true
  try {
    const mine = await fetchMyConsents()
    granted = { token, scopes: new Set(mine.scopes.filter((s) => s.granted).map((s) => s.scope)) }
    if (granted.scopes.has(scope)) return true
  } catch {
    // Unknown: ask (recording it is what matters).
  }
  const ask = askers[askers.length - 1]
  if (!ask) return false
  return ask(scope)
}
