import Taro from '@tarojs/taro'

export const TAB_PAGES = ['/pages/index/index', '/pages/me/index']

/** navigateTo, or switchTab for tab pages (navigateTo cannot open those). */
export function go(url: string): void {
  const path = url.split('?')[0]
  if (TAB_PAGES.includes(path)) Taro.switchTab({ url: path })
  else Taro.navigateTo({ url })
}

export function goLogin(): void {
  Taro.navigateTo({ url: '/pages/login/index' })
}

export function communityUrl(code: string): string {
  return `/pages/community/index?code=${encodeURIComponent(code)}`
}

/** Back if there is somewhere to go back to, else to 首页. */
export function backOrHome(): void {
  if (Taro.getCurrentPages().length > 1) Taro.navigateBack()
  else Taro.switchTab({ url: '/pages/index/index' })
}

/** The wish detail page (shared subpackage `wish`); the server's notification links point here too. */
export function wishUrl(id: string): string {
  return `/packages/wish/pages/detail/index?id=${encodeURIComponent(id)}`
}
