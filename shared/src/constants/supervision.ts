/**
 * 件件有着落: the kinds of open item the supervision board gathers from every module — each one either has no
 * owner yet or is past its deadline — and the workbench whose user should act on it.
 */
export const SUPERVISION_ITEM_KINDS = [
  'wish_review',
  'wish_unclaimed',
  'wish_claim_overdue',
  'dispatch_unanswered',
  'project_open',
  'registration_pending',
  'shift_pending',
  'hours_pending',
  'report_review',
  'agreement_countersign',
  'agreement_expiring',
] as const;
export type SupervisionItemKind = (typeof SUPERVISION_ITEM_KINDS)[number];

export const SUPERVISION_ITEM_LABELS: Record<SupervisionItemKind, string> = {
  wish_review: '心愿待审核',
  wish_unclaimed: '心愿久未认领',
  wish_claim_overdue: '认领超期未兑现',
  dispatch_unanswered: '督办未答复',
  project_open: '民生实事待认领',
  registration_pending: '报到待确认',
  shift_pending: '岗位服务待确认',
  hours_pending: '活动时长待审核',
  report_review: '报告待审核',
  agreement_countersign: '共建协议待会签',
  agreement_expiring: '共建协议即将到期',
};

/** The workbenches (who should act): each item names one, and each workbench shows its count. */
export const SUPERVISION_ACTORS = ['community_staff', 'street_official', 'branch_secretary', 'org_admin', 'member', 'committee_admin'] as const;
export type SupervisionActor = (typeof SUPERVISION_ACTORS)[number];

export const SUPERVISION_ACTOR_LABELS: Record<SupervisionActor, string> = {
  community_staff: '社区工作者',
  street_official: '街道干部',
  branch_secretary: '党支部书记',
  org_admin: '机关党组织管理员',
  member: '认领党员',
  committee_admin: '工委',
};

/** Agreements ending within this many days are on the board. */
export const SUPERVISION_EXPIRING_DAYS = 30;
/** Items of one kind shown on a board at most (the count is exact; the oldest come first). */
export const SUPERVISION_ITEMS_PER_KIND = 200;
