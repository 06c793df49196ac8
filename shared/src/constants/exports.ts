/** 数据导出: the .xlsx exports for supervisors and party organisations (GET /api/exports/<kind>.xlsx). */
export const EXPORT_KINDS = ['reports', 'ledger', 'wishes', 'activities'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const EXPORT_KIND_LABELS: Record<ExportKind, string> = {
  reports: '党员半年报告',
  ledger: '服务台账',
  wishes: '微心愿',
  activities: '活动及签到',
};

/** Which trees a kind can be exported for: wishes belong to communities only. */
export const EXPORT_SCOPES: Record<ExportKind, ReadonlyArray<'region' | 'organisation'>> = {
  reports: ['region', 'organisation'],
  ledger: ['region', 'organisation'],
  wishes: ['region'],
  activities: ['region', 'organisation'],
};

/** The longest period one export covers (days, from and to inclusive). */
export const EXPORT_MAX_DAYS = 731;
