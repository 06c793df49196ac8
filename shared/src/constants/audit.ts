/** An audit entry's result: done, refused (4xx: access, validation, state), or failed (5xx). */
export const AUDIT_RESULTS = ['ok', 'refused', 'error'] as const;
export type AuditResult = (typeof AUDIT_RESULTS)[number];
export const AUDIT_RESULT_LABELS: Record<AuditResult, string> = { ok: '成功', refused: '被拒绝', error: '出错' };

/** The least retention the Cybersecurity Law allows (six months); AUDIT_RETENTION_DAYS may not go below it. */
export const AUDIT_MIN_RETENTION_DAYS = 180;

/** Actions the search page offers as quick filters (any other action can be typed). */
export const AUDIT_ACTION_FILTERS: ReadonlyArray<{ action: string; label: string }> = [
  { action: 'wish.contact.read', label: '查看心愿联系方式' },
  { action: 'wish.contact.break_glass', label: '申请查看联系方式' },
  { action: 'member.roster.read', label: '查看党员花名册' },
  { action: 'role.holders.read', label: '查看角色名单' },
  { action: 'role.grant', label: '授予角色' },
  { action: 'role.revoke', label: '撤销角色' },
  { action: 'wishes.', label: '心愿操作' },
  { action: 'auth.', label: '登录' },
  { action: 'export.', label: '数据导出' },
];

/** Chinese names of actions a reader meets most; the page shows any other action by its code. */
export const AUDIT_ACTION_LABELS: Readonly<Record<string, string>> = {
  'auth.wechat': '登录',
  'auth.refresh': '续期登录',
  'auth.sign-out': '退出登录',
  'wish.create': '提交心愿',
  'wishes.claim': '认领心愿',
  'wishes.review': '审核心愿',
  'audit.purge': '清理过期审计记录',
  'export.reports': '导出党员半年报告',
  'export.ledger': '导出服务台账',
  'export.wishes': '导出微心愿',
  'export.activities': '导出活动及签到',
  'supervision.board_exported': '导出件件有着落',
  ...Object.fromEntries(AUDIT_ACTION_FILTERS.filter((f) => !f.action.endsWith('.')).map((f) => [f.action, f.label])),
};
