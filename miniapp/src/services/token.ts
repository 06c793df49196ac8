import Taro from '@tarojs/taro'

const TOKEN_KEY = 'nc.token'
const EXPIRES_KEY = 'nc.tokenExpiresAt'
const REFRESH_KEY = 'nc.refreshToken'

type Listener = (token: string | null) => void
const listeners = new Set<Listener>()

/** The access token, or null when there is none. */
export function getToken(): string | null {
  const token = Taro.getStorageSync(TOKEN_KEY) as string | ''
  return token || null
}

/** True when the access token is about to lapse (a minute early), so a request renews it before it leaves. */
export function tokenLapsing(): boolean {
  const expiresAt = Number(Taro.getStorageSync(EXPIRES_KEY) || 0)
  return expiresAt > 0 && Date.now() >= expiresAt
}

/** The refresh token that renews the access token (POST /api/auth/refresh), or null. */
export function getRefreshToken(): string | null {
  const token = Taro.getStorageSync(REFRESH_KEY) as string | ''
  return token || null
}

/** Stores the tokens; `expiresIn` is in seconds as returned by sign-in and refresh. */
export function setToken(token: string, expiresIn?: number, refreshToken?: string): void {
  Taro.setStorageSync(TOKEN_KEY, token)
  if (refreshToken) Taro.setStorageSync(REFRESH_KEY, refreshToken)
  if (expiresIn && expiresIn > 0) {
    // Treat it as expired a minute early so a request never leaves with a dying token.
    Taro.setStorageSync(EXPIRES_KEY, Date.now() + Math.max(0, expiresIn - 60) * 1000)
  } else {
    Taro.removeStorageSync(EXPIRES_KEY)
  }
  listeners.forEach((l) => l(token))
}

export function clearToken(): void {
  const had = Boolean(Taro.getStorageSync(TOKEN_KEY))
  Taro.removeStorageSync(TOKEN_KEY)
  Taro.removeStorageSync(EXPIRES_KEY)
  Taro.removeStorageSync(REFRESH_KEY)
  if (had) listeners.forEach((l) => l(null))
}

export function onTokenChange(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
