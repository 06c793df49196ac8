import type { WishStatus } from '@nuancheng/shared';

/**
 * Time rules of the wish lifecycle (the states, actions and who may take them are the workflow declaration in
 * wishes.policy.ts).
 */
const DAY_MS = 24 * 3600 * 1000;

export interface OverdueRules {
  unclaimedDays: number;
}

/** Why a wish is overdue at `now`, or null: 件件有着落 means nothing waits unnoticed. */
export function overdueReason(wish: { status: WishStatus; publishedAt: Date | null; claimDeadline: Date | null }, now: Date, rules: OverdueRules): 'unclaimed' | 'claim_deadline_passed' | null {
  if (wish.status === 'published' && wish.publishedAt && now.getTime() - wish.publishedAt.getTime() > rules.unclaimedDays * DAY_MS) {
    return 'unclaimed';
  }
  if (wish.status === 'claimed' && wish.claimDeadline && now.getTime() > wish.claimDeadline.getTime()) return 'claim_deadline_passed';
  return null;
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}
