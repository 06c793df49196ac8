import type { NotificationPage } from '@nuancheng/shared'
import { get, post } from './request'

export function fetchNotifications(page = 1, pageSize = 20): Promise<NotificationPage> {
  return get<NotificationPage>('/api/me/notifications', { data: { page, pageSize }, toast: false })
}

/** Unread count for the 我的 badge; quiet (no toast, no login redirect) because it runs on every visit. */
export async function fetchUnreadCount(): Promise<number> {
  const res = await get<NotificationPage>('/api/me/notifications', { data: { page: 1, pageSize: 1 }, toast: false, redirectOn401: false })
  return res.unread ?? 0
}

/** 204 No Content. */
export function markNotificationRead(notificationId: string): Promise<unknown> {
  return post<unknown>(`/api/me/notifications/${encodeURIComponent(notificationId)}/read`, {}, { toast: false })
}

/** 204 No Content. */
export function markAllNotificationsRead(): Promise<unknown> {
  return post<unknown>('/api/me/notifications/read-all', {}, { toast: false })
}
