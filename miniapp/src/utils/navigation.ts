import Taro from '@tarojs/taro'
import type { Link, LinkKind } from '@nuancheng/shared'

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

/** A co-building agreement's detail page (subpackage `agreements`). */
export function agreementUrl(id: string): string {
  return `/packages/agreements/pages/detail/index?id=${encodeURIComponent(id)}`
}

/** The propose form; with `id`, the returned agreement to edit and propose again. */
export function proposeAgreementUrl(id?: string): string {
  return `/packages/agreements/pages/propose/index${id ? `?id=${encodeURIComponent(id)}` : ''}`
}

/** The 1+N view of a street or community (without `regionId`: the caller's own, or a street to choose). */
export function onePlusNUrl(regionId?: string): string {
  return `/packages/agreements/pages/one-plus-n/index${regionId ? `?regionId=${encodeURIComponent(regionId)}` : ''}`
}

/** An activity's detail page (subpackage `activities`); notification links about activities point here. */
export function activityUrl(id: string): string {
  return `/packages/activities/pages/detail/index?id=${encodeURIComponent(id)}`
}

/** 件件有着落: the supervision board of my street, or of `regionId` (subpackage `supervision`). */
export function boardUrl(regionId?: string): string {
  return `/packages/supervision/pages/board/index${regionId ? `?regionId=${encodeURIComponent(regionId)}` : ''}`
}

/**
 * The page for a typed link (notifications, subscribe messages): the server sends `{ kind, id }` and knows no page
 * path. Null for a kind this version does not know (a newer server).
 */
export function linkUrl(link: Pick<Link, 'kind' | 'id'>): string | null {
  switch (link.kind as LinkKind) {
    case 'wish':
      return link.id ? wishUrl(link.id) : null
    case 'project':
      return '/packages/admin/pages/projects/index'
    case 'dispatches':
      return '/packages/admin/pages/dispatches/index'
    case 'overdue':
      return '/packages/admin/pages/overdue/index'
    case 'review':
      return '/packages/staff/pages/review/index'
    case 'pledge':
      return link.id ? `/packages/pledges/pages/detail/index?id=${encodeURIComponent(link.id)}` : '/packages/pledges/pages/mine/index'
    case 'agreement':
      return link.id ? agreementUrl(link.id) : '/packages/agreements/pages/list/index'
    case 'registration':
      return '/packages/member/pages/profile/index'
    case 'registrations':
      return '/packages/staff/pages/registrations/index'
    case 'service_post':
      return '/packages/posts/pages/mine/index'
    case 'post_shifts':
      return '/packages/posts/pages/shifts/index'
    case 'report':
      return link.id ? `/packages/reports/pages/report/index?id=${encodeURIComponent(link.id)}` : '/packages/reports/pages/mine/index'
    case 'report_review':
      return '/packages/reports/pages/review/index'
    case 'activity':
      return link.id ? activityUrl(link.id) : '/packages/activities/pages/list/index'
    case 'board':
      return boardUrl(link.id ?? undefined)
    default:
      return null
  }
}

/** `wish:<id>` as a subscribe message carries it in the entry page's `link` parameter. */
export function parseLinkParam(value: string | undefined): Pick<Link, 'kind' | 'id'> | null {
  if (!value) return null
  const [kind, id] = decodeURIComponent(value).split(':')
  return kind ? { kind: kind as LinkKind, id: id || null } : null
}
