import type { Actor } from '../../common/workflow/actor';

/** The facts about a wish every subscriber needs (no personal data: titles are public, ids are not names). */
export interface WishRef {
  id: string;
  title: string;
  category: string;
  residentUserId: string | null;
  communityId: string;
  streetId: string;
}

/** Who holds (or held) the claim an event is about. */
export interface ClaimRef {
  id: string;
  claimedByUserId: string;
  memberId: string | null;
  organisationId: string | null;
}

export interface WishChanged {
  wish: WishRef;
  actor: Actor;
  note?: string | null;
}

export interface WishClaimChanged extends WishChanged {
  claim: ClaimRef;
}

export interface WishConfirmed extends WishClaimChanged {
  valueYuan: number;
  thanks: string | null;
  at: Date;
}

export interface WishClaimDueSoon {
  wish: WishRef;
  claim: ClaimRef;
  daysLeft: number;
}

export interface WishDispatched extends WishChanged {
  dispatchId: string;
  organisationId: string;
  organisationName: string;
  /** Org admins of the unit, who answer it. */
  adminUserIds: string[];
  answerBy: Date;
  deadline: Date;
}

/** A new wish waiting for review by its community's staff (`held`: moderation asked a person to look). */
export interface WishSubmitted extends WishChanged {
  held: boolean;
  /** Who typed it in: the resident, or a staff member entering it for someone (代录). */
  enteredByUserId: string;
}

export interface WishDispatchAccepted extends WishChanged {
  dispatchedByUserId: string;
  organisationName: string;
}

export interface WishDispatchDeclined extends WishDispatchAccepted {
  reason: string;
}

declare module '../../common/events/domain-events' {
  interface DomainEventMap {
    'wish.submitted': WishSubmitted;
    'wish.approved': WishChanged;
    'wish.rejected': WishChanged;
    'wish.claimed': WishClaimChanged;
    'wish.fulfilled': WishClaimChanged;
    'wish.confirmed': WishConfirmed;
    'wish.disputed': WishClaimChanged;
    'wish.reopened': WishClaimChanged;
    'wish.claim_released': WishClaimChanged;
    'wish.claim_revoked': WishClaimChanged;
    'wish.claim_expired': WishClaimChanged;
    'wish.claim_due_soon': WishClaimDueSoon;
    'wish.dispatched': WishDispatched;
    'wish.dispatch_accepted': WishDispatchAccepted;
    'wish.dispatch_declined': WishDispatchDeclined;
  }
}
