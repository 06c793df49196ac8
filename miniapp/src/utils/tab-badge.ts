import Taro from '@tarojs/taro'
import { fetchUnreadCount } from '../services/notifications'
import { getToken } from '../services/token'

/** The 我的 tab's index in app.config.ts tabBar.list. */
const ME_TAB = 1

/** Shows the unread count on the 我的 tab (99+ past 99), or no badge at zero or signed out. */
export function showUnreadBadge(count: number | null): void {
  // A failed badge call (a page without the tab bar on weapp) only leaves the badge as it was.
  if (count && count > 0) Taro.setTabBarBadge({ index: ME_TAB, text: count > 99 ? '99+' : String(count) }).catch(() => undefined)
  else Taro.removeTabBarBadge({ index: ME_TAB }).catch(() => undefined)
}

/** Reads the unread count (quietly) and puts it on the 我的 tab; null when signed out or unreachable. */
export async function refreshUnreadBadge(): Promise<number | null> {
  if (!getToken()) {
    showUnreadBadge(null)
    return null
  }
  try {
    const count = await fetchUnreadCount()
    showUnreadBadge(count)
    return count
  } catch {
    return null
  }
}
