import Taro from '@tarojs/taro'

const TOKEN_KEY = 'nc.token'
const EXPIRES_KEY = 'nc.tokenExpiresAt'

type Listener = (token: string | null) => void
const listeners = new Set<Listener>()

/** The bearer token, or null when absent or expired (an expired token is removed). */
export function getToken(): string | null {
  const token = Taro.getStorageSync(TOKEN_KEY) as string | ''
  if (!token) return null
  const expiresAt = Number(Taro.getStorageSync(EXPIRES_KEY) || 0)
  if (expiresAt && Date.now() >= expiresAt) {
    clearToken()
    return null
  }
  return token
}

/** Stores the token; `expiresIn` is in seconds as returned by POST /api/auth/wechat. */
export function setToken(token: string, expiresIn?: number): void {
  Taro.setStorageSync(TOKEN_KEY, token)
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
  if (had) listeners.forEach((l) => l(null))
}

export function onTokenChange(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
