import Taro from '@tarojs/taro'
import type { ApiError } from '@nuancheng/shared'
import { ErrorCode } from '@nuancheng/shared/constants'
import { clearToken, getRefreshToken, getToken, setToken, tokenLapsing } from './token'

export const NETWORK_ERROR_MESSAGE = '网络不可用，请检查网络后重试'
export const LOGIN_PAGE = '/pages/login/index'

/** Every failed request throws this: the server's `{statusCode, code, message}`, or a network error (statusCode 0). */
export class ApiRequestError extends Error implements Pick<ApiError, 'statusCode' | 'code' | 'message'> {
  readonly statusCode: number
  readonly code: string
  readonly details?: ApiError['details']
  readonly isApiRequestError = true

  constructor(statusCode: number, code: string, message: string, details?: ApiError['details']) {
    super(message)
    this.name = 'ApiRequestError'
    this.statusCode = statusCode
    this.code = code
    this.details = details
    // Babel's ES5 output breaks `instanceof` on Error subclasses without this.
    Object.setPrototypeOf(this, ApiRequestError.prototype)
  }

  get isNetworkError(): boolean {
    return this.statusCode === 0
  }
}

export function isApiRequestError(e: unknown): e is ApiRequestError {
  return Boolean(e && typeof e === 'object' && (e as ApiRequestError).isApiRequestError)
}

/** Whether `e` is an API error with one of these codes (ErrorCode from shared): decide on the code, not the text. */
export function hasErrorCode(e: unknown, ...codes: ErrorCode[]): e is ApiRequestError {
  return isApiRequestError(e) && (codes as string[]).includes(e.code)
}

/** Any thrown value → a Chinese message fit for the UI. */
export function errorMessage(e: unknown, fallback = '操作失败，请稍后重试'): string {
  if (isApiRequestError(e)) return e.message
  return fallback
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RequestOptions {
  method?: Method
  /** JSON body (POST/PUT/PATCH) or query parameters (GET/DELETE). */
  data?: unknown
  /** Show the error message as a toast (default true). Pages that render an error state pass false. */
  toast?: boolean
  /** Send the bearer token if there is one (default true). */
  auth?: boolean
  /** On 401, clear the token and open the login page (default true). */
  redirectOn401?: boolean
  /**
   * Retries after a network failure (default 2). HTTP errors are never retried. A write that must not
   * happen twice should pass 0 or carry an idempotency key.
   */
  retries?: number
  timeout?: number
}

const BACKOFF_MS = [400, 1200]

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** An API path or an asset URL the server returned ('/api/uploads/…') → an absolute URL for the current target. */
export function joinUrl(path: string): string {
  if (/^https?:\/\//.test(path)) return path
  const base = API_BASE_URL.replace(/\/+$/, '')
  return `${base}${path.startsWith('/') ? path : `/${path}`}`
}

function toQuery(data: unknown): string {
  if (!data || typeof data !== 'object') return ''
  const parts = Object.entries(data as Record<string, unknown>)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
  return parts.length ? `?${parts.join('&')}` : ''
}

/**
 * A failure without the server's error body (a proxy or gateway answered): the code the server's ErrorFilter gives
 * the same status, so callers can decide on `code` alone.
 */
const STATUS_FALLBACKS: Partial<Record<number, { code: ErrorCode; message: string }>> = {
  401: { code: ErrorCode.Unauthenticated, message: '登录已过期，请重新登录' },
  403: { code: ErrorCode.Forbidden, message: '没有权限进行此操作' },
  404: { code: ErrorCode.NotFound, message: '请求的内容不存在' }
}

function parseErrorBody(statusCode: number, body: unknown): ApiRequestError {
  let data = body
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data)
    } catch {
      data = null
    }
  }
  if (data && typeof data === 'object') {
    const { code, message, details } = data as Partial<ApiError>
    if (typeof message === 'string' && message) {
      return new ApiRequestError(
        statusCode,
        typeof code === 'string' ? code : (STATUS_FALLBACKS[statusCode]?.code ?? `HTTP_${statusCode}`),
        message,
        details
      )
    }
  }
  const known = STATUS_FALLBACKS[statusCode]
  if (known) return new ApiRequestError(statusCode, known.code, known.message)
  return new ApiRequestError(statusCode, `HTTP_${statusCode}`, statusCode >= 500 ? '服务暂时不可用，请稍后重试' : `请求失败（${statusCode}）`)
}

let redirectingToLogin = false

function goToLogin() {
  if (redirectingToLogin) return
  const pages = Taro.getCurrentPages()
  const current = pages[pages.length - 1]?.route ?? ''
  if (`/${current.replace(/^\//, '')}`.startsWith(LOGIN_PAGE)) return
  redirectingToLogin = true
  const done = () => {
    setTimeout(() => (redirectingToLogin = false), 500)
  }
  Taro.navigateTo({ url: LOGIN_PAGE }).then(done, done)
}

function showErrorToast(message: string) {
  Taro.showToast({ title: message, icon: 'none', duration: 2500 })
}

/**
 * The one way the mini-program talks to the API: JSON in and out, bearer token, retries on network
 * failure only, errors thrown as ApiRequestError with a Chinese message (and toasted unless `toast: false`).
 */
let refreshing: Promise<string | null> | null = null

/**
 * Renews the access token with the refresh token, once for every caller waiting at the same moment; null when it
 * cannot (no refresh token, or the session has ended: then the tokens are cleared).
 */
export function refreshAccessToken(): Promise<string | null> {
  if (refreshing) return refreshing
  const refreshToken = getRefreshToken()
  if (!refreshToken) return Promise.resolve(null)
  refreshing = (async () => {
    try {
      const res = await Taro.request({
        url: joinUrl('/api/auth/refresh'),
        method: 'POST',
        header: { Accept: 'application/json', 'Content-Type': 'application/json' },
        data: { refreshToken },
        dataType: 'json',
        timeout: 15000
      })
      if (res.statusCode === 200 && res.data?.token) {
        setToken(res.data.token, res.data.expiresIn, res.data.refreshToken)
        return res.data.token as string
      }
      if (res.statusCode === 401) clearToken()
      return null
    } catch {
      return null
    } finally {
      refreshing = null
    }
  })()
  return refreshing
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const { method = 'GET', data, toast = true, auth = true, redirectOn401 = true, retries = 2, timeout = 15000 } = options
  const header: Record<string, string> = { Accept: 'application/json' }
  let token = auth ? getToken() : null
  if (token && tokenLapsing()) token = (await refreshAccessToken()) ?? getToken()
  if (token) header.Authorization = `Bearer ${token}`
  const hasBody = method !== 'GET' && method !== 'DELETE'
  if (hasBody) header['Content-Type'] = 'application/json'
  const url = joinUrl(path) + (hasBody ? '' : toQuery(data))

  let attempt = 0
  let renewed = false
  for (;;) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let res: Taro.request.SuccessCallbackResult<any>
    try {
      res = await Taro.request({
        url,
        method,
        header,
        data: hasBody ? (data ?? {}) : undefined,
        dataType: 'json',
        timeout
      })
    } catch {
      if (attempt < retries) {
        await sleep(BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)])
        attempt++
        continue
      }
      const err = new ApiRequestError(0, 'NETWORK_ERROR', NETWORK_ERROR_MESSAGE)
      if (toast) showErrorToast(err.message)
      throw err
    }

    if (res.statusCode >= 200 && res.statusCode < 300) return res.data as T
    // An access token that ran out: renew it once and send the request again (a write was not applied: 401 came first).
    if (res.statusCode === 401 && token && !renewed && (res.data as Partial<ApiError> | null)?.code === ErrorCode.TokenExpired) {
      renewed = true
      const next = await refreshAccessToken()
      if (next) {
        token = next
        header.Authorization = `Bearer ${next}`
        continue
      }
    }
    throw failure(res.statusCode, res.data, token, toast, redirectOn401)
  }
}

/** An HTTP error response → ApiRequestError; signs out on UNAUTHENTICATED and toasts as asked. */
function failure(statusCode: number, body: unknown, token: string | null, toast: boolean, redirectOn401: boolean): ApiRequestError {
  const err = parseErrorBody(statusCode, body)
  if ((err.code === ErrorCode.Unauthenticated || err.code === ErrorCode.TokenExpired || err.code === ErrorCode.AccountDisabled) && token) {
    clearToken()
    if (redirectOn401) goToLogin()
  }
  if (toast) showErrorToast(err.message)
  return err
}

export interface UploadOptions {
  /** Multipart field name (default `file`). */
  name?: string
  toast?: boolean
  redirectOn401?: boolean
  timeout?: number
}

/**
 * Uploads one local file (a weapp temp path, or the blob: URL Taro.chooseMedia gives on H5) as multipart,
 * with the same token, 401 and error handling as request(). Not retried: a failed upload is retried by the user.
 */
export async function uploadFile<T>(path: string, filePath: string, options: UploadOptions = {}): Promise<T> {
  const { name = 'file', toast = true, redirectOn401 = true, timeout = 60000 } = options
  const header: Record<string, string> = { Accept: 'application/json' }
  const token = getToken()
  if (token) header.Authorization = `Bearer ${token}`
  let res: Taro.uploadFile.SuccessCallbackResult
  try {
    res = await Taro.uploadFile({ url: joinUrl(path), filePath, name, header, timeout })
  } catch {
    const err = new ApiRequestError(0, 'NETWORK_ERROR', '图片上传失败，请检查网络后重试')
    if (toast) showErrorToast(err.message)
    throw err
  }
  if (res.statusCode >= 200 && res.statusCode < 300) {
    // uploadFile hands the body back as a string on both targets.
    if (typeof res.data !== 'string') return res.data as T
    try {
      return JSON.parse(res.data) as T
    } catch {
      const err = new ApiRequestError(res.statusCode, 'BAD_RESPONSE', '服务返回内容有误，请稍后重试')
      if (toast) showErrorToast(err.message)
      throw err
    }
  }
  throw failure(res.statusCode, res.data, token, toast, redirectOn401)
}

export const get = <T>(path: string, options?: Omit<RequestOptions, 'method'>) => request<T>(path, { ...options, method: 'GET' })
export const post = <T>(path: string, data?: unknown, options?: Omit<RequestOptions, 'method' | 'data'>) =>
  request<T>(path, { ...options, method: 'POST', data })

/** The options of a write that must not be sent twice: no retry. */
export const once = { retries: 0 }

/** The paths of one record each under `base`: recordPath('/api/wishes')(id) is /api/wishes/<id, URI-encoded>. */
export const recordPath =
  (base: string) =>
  (recordId: string): string =>
    `${base}/${encodeURIComponent(recordId)}`
