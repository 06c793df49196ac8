import type { WishStatus } from '@nuancheng/shared';

/**
 * The wish lifecycle as pure data and functions (domain.md): which action moves a wish from which states to
 * which, and who may take it. The service enforces these inside a transaction with a conditional UPDATE.
 */
export const WISH_ACTIONS = {
  submit: { from: [], to: 'submitted', label: '提交' },
  hold: { from: [], to: 'held', label: '待人工复核' },
  approve: { from: ['submitted', 'held'], to: 'published', label: '审核通过' },
  reject: { from: ['submitted', 'held'], to: 'rejected', label: '驳回' },
  withdraw: { from: ['submitted', 'held', 'published'], to: 'withdrawn', label: '撤回' },
  claim: { from: ['published'], to: 'claimed', label: '认领' },
  release: { from: ['claimed'], to: 'published', label: '释放' },
  revoke: { from: ['claimed', 'disputed'], to: 'published', label: '撤销认领' },
  expire: { from: ['claimed'], to: 'published', label: '超期释放' },
  fulfil: { from: ['claimed'], to: 'fulfilled', label: '圆梦' },
  confirm: { from: ['fulfilled', 'disputed'], to: 'confirmed', label: '确认' },
  dispute: { from: ['fulfilled'], to: 'disputed', label: '异议' },
  reopen: { from: ['disputed'], to: 'claimed', label: '退回重办' },
  dispatch: { from: ['published'], to: 'published', label: '派单' },
  decline_dispatch: { from: ['published'], to: 'published', label: '拒绝派单' },
  escalate: { from: ['published'], to: 'published', label: '升级督办' },
  accept_dispatch: { from: ['published'], to: 'claimed', label: '转为认领' },
} as const satisfies Record<string, { from: readonly WishStatus[]; to: WishStatus; label: string }>;

export type WishAction = keyof typeof WISH_ACTIONS;

export const WISH_ACTION_LABELS: Record<string, string> = Object.fromEntries(
  Object.entries(WISH_ACTIONS).map(([action, rule]) => [action, rule.label]),
);

/** Whether `action` may be taken on a wish in `status`. */
export function canTransition(status: WishStatus, action: WishAction): boolean {
  return (WISH_ACTIONS[action].from as readonly WishStatus[]).includes(status);
}

/** Chinese reason when it may not, naming the current state. */
export function refusalFor(status: WishStatus, action: WishAction): string {
  const what = WISH_ACTIONS[action].label;
  const reasons: Partial<Record<WishStatus, string>> = {
    claimed: '该心愿已被认领',
    fulfilled: '该心愿已圆梦，等待确认',
    confirmed: '该心愿已圆满完成',
    withdrawn: '该心愿已撤回',
    rejected: '该心愿未通过审核',
    submitted: '该心愿尚未通过审核',
    held: '该心愿正在人工复核',
    published: '该心愿尚未被认领',
    disputed: '该心愿有异议，正由社区处理',
  };
  return `${reasons[status] ?? '该心愿当前状态'}，不能${what}`;
}

/** What the caller is to this wish; computed by the service from the principal and the wish. */
export interface WishViewer {
  signedIn: boolean;
  /** Posted it (or is the resident it was entered for). */
  isResident: boolean;
  /** community_staff of its community, or a street official / committee admin above it. */
  isStaff: boolean;
  isStreetOfficial: boolean;
  /** Holds the live claim (the member, or an org_admin of the claiming organisation). */
  isClaimant: boolean;
  /** Has a member card (can claim personally). */
  isMember: boolean;
  /** Org admin of at least one unit (can claim for it). */
  isOrgAdmin: boolean;
}

/** The buttons the caller sees for a wish in `status`. */
export function availableActions(status: WishStatus, viewer: WishViewer): string[] {
  const actions: string[] = [];
  if (!viewer.signedIn) return actions;
  if (viewer.isResident && canTransition(status, 'withdraw')) actions.push('withdraw');
  if (viewer.isStaff && canTransition(status, 'approve')) actions.push('review');
  if (status === 'published' && !viewer.isResident) {
    if (viewer.isMember) actions.push('claim');
    if (viewer.isOrgAdmin) actions.push('claim_for_unit');
  }
  if (viewer.isClaimant && status === 'claimed') actions.push('fulfil', 'release');
  if (viewer.isStaff && canTransition(status, 'revoke')) actions.push('revoke');
  if ((viewer.isResident || viewer.isStaff) && status === 'fulfilled') actions.push('confirm');
  if (viewer.isResident && canTransition(status, 'dispute')) actions.push('dispute');
  if (viewer.isStaff && status === 'disputed') actions.push('confirm', 'reopen');
  if (viewer.isStreetOfficial && status === 'published') actions.push('dispatch');
  return [...new Set(actions)];
}

const DAY_MS = 24 * 3600 * 1000;

export interface OverdueRules {
  unclaimedDays: number;
}

/** Why a wish is overdue at `now`, or null: 件件有着落 means nothing waits unnoticed. */
export function overdueReason(
  wish: { status: WishStatus; publishedAt: Date | null; claimDeadline: Date | null },
  now: Date,
  rules: OverdueRules,
): 'unclaimed' | 'claim_deadline_passed' | null {
  if (wish.status === 'published' && wish.publishedAt && now.getTime() - wish.publishedAt.getTime() > rules.unclaimedDays * DAY_MS) {
    return 'unclaimed';
  }
  if (wish.status === 'claimed' && wish.claimDeadline && now.getTime() > wish.claimDeadline.getTime()) return 'claim_deadline_passed';
  return null;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}
