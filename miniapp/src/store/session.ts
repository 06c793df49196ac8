import Taro from '@tarojs/taro'
import type { Me } from '@nuancheng/shared'
import { bindPhone, fetchMe, signInWithWechat, signOutOnServer } from '../services/auth'
import { clearToken, getToken, onTokenChange, setToken } from '../services/token'

/**
 * The signed-in user, shared by every page. `me` is cached in storage so a cold start renders at once;
 * `refresh()` replaces it with GET /api/me.
 */
export type SessionStatus = 'anonymous' | 'loading' | 'signed-in'

export interface SessionState {
  status: SessionStatus
  me: Me | null
}

const ME_KEY = 'nc.me'

function readCachedMe(): Me | null {
  try {
    const me = Taro.getStorageSync(ME_KEY) as Me | ''
    return me && typeof me === 'object' ? me : null
  } catch {
    return null
  }
}

function initialState(): SessionState {
  if (!getToken()) return { status: 'anonymous', me: null }
  const me = readCachedMe()
  return me ? { status: 'signed-in', me } : { status: 'loading', me: null }
}

let state: SessionState = initialState()
const listeners = new Set<() => void>()

function setState(next: SessionState) {
  state = next
  if (next.me) Taro.setStorageSync(ME_KEY, next.me)
  else Taro.removeStorageSync(ME_KEY)
  listeners.forEach((l) => l())
}

// A 401 anywhere clears the token: forget the user too.
onTokenChange((token) => {
  if (!token && state.status !== 'anonymous') setState({ status: 'anonymous', me: null })
})

export const session = {
  getState: () => state,

  subscribe(listener: () => void): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },

  /** Re-reads /api/me when there is a token. Errors keep the cached user (a 401 signs out via the token). */
  async refresh(): Promise<Me | null> {
    if (!getToken()) {
      if (state.status !== 'anonymous') setState({ status: 'anonymous', me: null })
      return null
    }
    if (!state.me) setState({ status: 'loading', me: null })
    try {
      const me = await fetchMe({ toast: false })
      setState({ status: 'signed-in', me })
      return me
    } catch {
      if (!getToken()) setState({ status: 'anonymous', me: null })
      else if (!state.me) setState({ status: 'anonymous', me: null })
      return state.me
    }
  },

  /** `code` is a wx.login code, or `dev:<persona>` in dev mode. */
  async signIn(code: string): Promise<Me> {
    const result = await signInWithWechat(code)
    setToken(result.token, result.expiresIn, result.refreshToken)
    setState({ status: 'signed-in', me: result.user })
    return result.user
  },

  async bindPhone(code: string, options?: { toast?: boolean }): Promise<Me> {
    const me = await bindPhone(code, options)
    setState({ status: 'signed-in', me })
    return me
  },

  signOut() {
    // Ends the session on the server too (best effort: the tokens are forgotten here whatever happens).
    if (getToken()) void signOutOnServer().catch(() => undefined)
    clearToken()
    setState({ status: 'anonymous', me: null })
  }
}
