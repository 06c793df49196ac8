import Taro from '@tarojs/taro'
import { typeScale, WECHAT_STANDARD_FONT } from '../utils/type-scale'

/**
 * 长辈版 (关怀模式) and WeChat's font size (适老化). One number, the type scale, drives both: every page's root
 * (`.nc-page`) is zoomed by it, so text, controls and tap targets grow together and the layout reflows.
 * See docs/architecture.md "Elder-friendly mode" for the pt → px mapping.
 */
const ELDER_KEY = 'nc.elder'
const OFFERED_KEY = 'nc.elder.offered'

export { ELDER_SCALE, WECHAT_MAX_FONT, WECHAT_STANDARD_FONT } from '../utils/type-scale'

export interface CareState {
  elder: boolean
  /** fontSizeSetting from WeChat, px (17 when unknown). */
  systemFont: number
  scale: number
}

function readSystemFont(): number {
  try {
    const info = (Taro.getAppBaseInfo?.() ?? Taro.getSystemInfoSync()) as { fontSizeSetting?: number }
    const fs = Number(info?.fontSizeSetting)
    if (Number.isFinite(fs) && fs > 0) return fs
  } catch {
    // Older base libraries: fall through to the standard size.
  }
  return WECHAT_STANDARD_FONT
}

function readElder(): boolean {
  try {
    return Taro.getStorageSync(ELDER_KEY) === true
  } catch {
    return false
  }
}

function make(elder: boolean, systemFont: number): CareState {
  return { elder, systemFont, scale: typeScale(elder, systemFont) }
}

let state: CareState = make(readElder(), readSystemFont())
const listeners = new Set<() => void>()

/** H5: the whole document follows (pages that do not use the hook too, and the tab bar). */
function applyToDocument() {
  if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return
  const root = document.documentElement
  root.classList.toggle('nc-elder', state.elder)
  root.style.setProperty('--nc-zoom', String(state.scale))
}
applyToDocument()

export const care = {
  getState: () => state,

  subscribe(listener: () => void): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  },

  setElder(elder: boolean) {
    Taro.setStorageSync(ELDER_KEY, elder)
    Taro.setStorageSync(OFFERED_KEY, true)
    state = make(elder, state.systemFont)
    applyToDocument()
    listeners.forEach((l) => l())
  },

  /** The 长辈版 offer shows once, on the first visit from a community code, until answered or dismissed. */
  shouldOffer: (): boolean => !state.elder && Taro.getStorageSync(OFFERED_KEY) !== true,
  dismissOffer() {
    Taro.setStorageSync(OFFERED_KEY, true)
    listeners.forEach((l) => l())
  }
}
