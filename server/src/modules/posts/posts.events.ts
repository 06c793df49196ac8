import type { Actor } from '../../common/workflow/actor';

/** A post as subscribers need it. */
export interface PostRef {
  id: string;
  name: string;
  type: string;
  communityId: string;
  communityName: string;
  streetId: string;
}

export interface HoldingRef {
  id: string;
  memberId: string;
  /** The member's user (who is told); null when the roster row is not linked. */
  memberUserId: string | null;
  /** The unit that took the post for the member. */
  organisationName: string | null;
}

export interface PostHoldingChanged {
  post: PostRef;
  holding: HoldingRef;
  actor: Actor;
  note?: string | null;
}

/** A shift as the ledger credits it. */
export interface ShiftRef {
  id: string;
  holdingId: string;
  memberId: string;
  memberUserId: string | null;
  /** YYYY-MM-DD in Beijing. */
  date: string;
  minutes: number;
}

export interface ShiftChanged {
  post: PostRef;
  shift: ShiftRef;
  actor: Actor;
  note?: string | null;
}

declare module '../../common/events/domain-events' {
  interface DomainEventMap {
    'post.taken': PostHoldingChanged;
    'post.released': PostHoldingChanged;
    'post.expired': PostHoldingChanged;
    'post_shift.logged': ShiftChanged;
    'post_shift.confirmed': ShiftChanged;
    'post_shift.rejected': ShiftChanged;
  }
}
