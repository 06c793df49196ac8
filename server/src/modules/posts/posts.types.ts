import { commitmentCategoryOfPost, type CommitmentCategory } from '@nuancheng/shared';
import type { PostRef, ShiftRef } from './posts.events';
import { shiftOccurredAt } from './posts.rules';

/** What the ledger writes for a confirmed shift (structurally LedgerService's CreditInput). */
export interface ShiftCredit {
  memberId: string;
  organisationId: null;
  kind: 'service_post_shift';
  sourceType: 'post_shift';
  sourceId: string;
  minutes: number;
  description: string;
  occurredAt: Date;
  communityId: string;
  streetId: string;
  category: CommitmentCategory;
}

/**
 * The ledger credit of a confirmed shift: one place for what the ledger subscriber credits and what the demo
 * seed writes for the shifts it confirms, so both are the same entries.
 */
export function shiftCredit(post: PostRef, shift: ShiftRef): ShiftCredit {
  return {
    memberId: shift.memberId,
    organisationId: null,
    kind: 'service_post_shift',
    sourceType: 'post_shift',
    sourceId: shift.id,
    minutes: shift.minutes,
    description: `党员服务岗位值守：${post.communityName}${post.name}`,
    occurredAt: shiftOccurredAt(shift.date),
    communityId: post.communityId,
    streetId: post.streetId,
    category: commitmentCategoryOfPost(post.type),
  };
}
