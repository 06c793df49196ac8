import type { AuditPage } from '@nuancheng/shared'
import { get } from './request'

/** The audit log, newest first (city-level committee admins); `action` is exact, or a prefix ending in `.`. */
export function fetchAuditLog(query: { action?: string; page?: number; pageSize?: number }): Promise<AuditPage> {
  const data: Record<string, string | number> = { page: query.page ?? 1, pageSize: query.pageSize ?? 20 }
  if (query.action) data.action = query.action
  return get<AuditPage>('/api/audit', { data })
}
