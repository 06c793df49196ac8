import Taro from '@tarojs/taro'
import type { CommunityPublic } from '@nuancheng/shared'

const KEY = 'nc.lastCommunity'

export type LastCommunity = Pick<CommunityPublic, 'code' | 'name'> & { street: string; district: string }

/** Remembers the last community opened from a QR code, so 首页 can offer it again. */
export function rememberCommunity(c: CommunityPublic): void {
  const value: LastCommunity = { code: c.code, name: c.name, street: c.street.name, district: c.district.name }
  Taro.setStorageSync(KEY, value)
}

export function lastCommunity(): LastCommunity | null {
  const v = Taro.getStorageSync(KEY) as LastCommunity | ''
  return v && typeof v === 'object' && v.code ? v : null
}
