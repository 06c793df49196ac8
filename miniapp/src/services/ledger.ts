import type { LedgerPage } from '@nuancheng/shared'
import { get } from './request'

/** 我的服务台账 for a half year (2026H1 …; default: the current one). */
export const fetchMyLedger = (period: string | undefined, page: number) => get<LedgerPage>('/api/me/ledger', { data: { period, page }, toast: false })
