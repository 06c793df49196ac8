/** What a ledger entry credits (extend as sources arrive); a correction negates one entry. */
export const LEDGER_KINDS = ['wish_fulfilled', 'project_update', 'activity_attendance', 'activity_organised', 'service_post_shift', 'pledge_done', 'correction'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export const LEDGER_KIND_LABELS: Record<LedgerKind, string> = {
  wish_fulfilled: '圆梦微心愿',
  project_update: '民生实事',
  activity_attendance: '志愿服务活动',
  activity_organised: '组织志愿服务活动',
  service_post_shift: '服务岗位值守',
  pledge_done: '践诺',
  correction: '更正',
};
