import { COMMUNITY_CODE_PATTERN } from '@nuancheng/shared/constants'

/**
 * Community codes reach the mini-program in three ways:
 *  - `q`:     WeChat "扫普通链接二维码打开小程序" passes the whole scanned URL, URI-encoded, e.g.
 *             `https%3A%2F%2Fhost%2Fqr%2Fc%2FKDSQ01` or `https://host/qr?code=KDSQ01`;
 *  - `scene`: a 小程序码 (wxacode.getUnlimited) carries `scene`, URI-encoded: `KDSQ01` or `c=KDSQ01`;
 *  - `code`:  our own navigations (`/pages/community/index?code=KDSQ01`).
 * Pure functions only: no Taro, no globals, so they run under jest.
 */

/** The server's CommunityCodeSchema rule (COMMUNITY_CODE_PATTERN in shared). */
export function isCommunityCode(value: unknown): boolean {
  return typeof value === 'string' && COMMUNITY_CODE_PATTERN.test(value)
}

/** Decodes percent-encoding until stable (WeChat and H5 routers differ in how often they decode). */
export function safeDecode(value: string, maxRounds = 3): string {
  let current = value
  for (let i = 0; i < maxRounds && /%[0-9A-Fa-f]{2}/.test(current); i++) {
    try {
      const next = decodeURIComponent(current.replace(/\+/g, '%20'))
      if (next === current) break
      current = next
    } catch {
      break
    }
  }
  return current
}

/** Parses `a=1&b=2` (no leading `?`) into a map; later keys win. */
function parseQueryString(query: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of query.split('&')) {
    if (!part) continue
    const eq = part.indexOf('=')
    const key = safeDecode(eq === -1 ? part : part.slice(0, eq)).trim()
    const value = eq === -1 ? '' : safeDecode(part.slice(eq + 1)).trim()
    if (key) out[key] = value
  }
  return out
}

const CODE_KEYS = ['code', 'c', 'communityCode']

function codeFromQuery(query: Record<string, string>): string | null {
  for (const key of CODE_KEYS) {
    const value = query[key]
    if (value !== undefined && isCommunityCode(value)) return value
  }
  return null
}

/**
 * Community code from a scanned URL (`q`), e.g. `https://host/qr/c/KDSQ01`, `https://host/qr/c/KDSQ01/`,
 * `https://host/qr?code=KDSQ01`, `https://host/#/pages/community/index?code=KDSQ01`.
 * Does not use `URL` (not available in every WeChat base library).
 */
export function parseCommunityCodeFromUrl(raw: string | null | undefined): string | null {
  if (!raw) return null
  const url = safeDecode(String(raw).trim())
  if (!url) return null
  if (isCommunityCode(url)) return url

  // Query parameters anywhere in the URL (before or after a `#`).
  const queryParts = url.split(/[?#]/).slice(1)
  for (const part of queryParts) {
    const found = codeFromQuery(parseQueryString(part.replace(/^[^?]*\?/, '')))
    if (found) return found
  }

  // Path form …/qr/c/<code> or …/c/<code>.
  const path = url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/)[0]
  const segments = path.split('/').filter(Boolean)
  const cIndex = segments.lastIndexOf('c')
  const candidate = cIndex === -1 ? undefined : segments[cIndex + 1]
  if (candidate !== undefined && isCommunityCode(candidate)) return candidate
  return null
}

/** Community code from a 小程序码 `scene`: `KDSQ01`, `c=KDSQ01`, `code=KDSQ01&x=1`. */
export function parseCommunityCodeFromScene(raw: string | null | undefined): string | null {
  if (!raw) return null
  const scene = safeDecode(String(raw).trim())
  if (isCommunityCode(scene)) return scene
  if (scene.includes('=')) return codeFromQuery(parseQueryString(scene))
  return null
}

export interface CommunityRouteParams {
  q?: string
  scene?: string
  code?: string
  [key: string]: string | undefined
}

/** Reads the community code from page params, in order: `code`, `scene`, `q`. */
export function parseCommunityCode(params: CommunityRouteParams | null | undefined): string | null {
  if (!params) return null
  if (params.code) {
    const code = safeDecode(String(params.code).trim())
    if (isCommunityCode(code)) return code
  }
  return parseCommunityCodeFromScene(params.scene) ?? parseCommunityCodeFromUrl(params.q)
}

/**
 * Result of `Taro.scanCode`: `result` is the QR code content (a URL for our community codes);
 * `path` is set when a 小程序码 of this mini-program was scanned (`pages/community/index?scene=KDSQ01`).
 */
export function parseCommunityCodeFromScan(res: { result?: string; path?: string } | null | undefined): string | null {
  if (!res) return null
  if (res.path) {
    const query = res.path.split('?')[1] ?? ''
    const params = parseQueryString(query)
    const fromPath = parseCommunityCode({ code: params.code, scene: params.scene, q: params.q })
    if (fromPath) return fromPath
  }
  return parseCommunityCodeFromUrl(res.result)
}
