import type { CommunityPublic } from '@nuancheng/shared'
import { get } from './request'

/** Public community card behind a QR code. Errors (404 …) are left to the page to render. */
export function fetchCommunity(code: string): Promise<CommunityPublic> {
  return get<CommunityPublic>(`/api/communities/${encodeURIComponent(code)}`, { auth: false, toast: false })
}
