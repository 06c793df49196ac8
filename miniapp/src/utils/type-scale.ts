/** WeChat's standard font size (fontSizeSetting, px) and the largest we follow (关怀模式's 23.8 px). */
export const WECHAT_STANDARD_FONT = 17
export const WECHAT_MAX_FONT = 23.8
/** 长辈版: the smallest text (14 px) becomes 24 px, i.e. 18 typographic pt. */
export const ELDER_SCALE = 24 / 14

/** The user's WeChat font size as a factor, 1 … 1.4; 长辈版 never goes below ELDER_SCALE. */
export function typeScale(elder: boolean, systemFont: number): number {
  const font = Number.isFinite(systemFont) ? Math.min(Math.max(systemFont, WECHAT_STANDARD_FONT), WECHAT_MAX_FONT) : WECHAT_STANDARD_FONT
  const scale = font / WECHAT_STANDARD_FONT
  return Math.round((elder ? Math.max(scale, ELDER_SCALE) : scale) * 1000) / 1000
}
