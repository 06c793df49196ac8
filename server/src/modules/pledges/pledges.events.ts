import type { CommitmentCategory, PledgeAssessorKind, PledgeGrade } from '@nuancheng/shared';
import type { Actor } from '../../common/workflow/actor';

/** A pledge as its subscribers need it: whose it is, whose branch and community, what it delivers. */
export interface PledgeRef {
  id: string;
  year: number;
  content: string;
  category: CommitmentCategory;
  memberId: string;
  /** The member's user (null: the roster row is not linked to a user any more). */
  memberUserId: string | null;
  branchId: string;
  communityId: string;
  streetId: string;
}

export interface PledgeSubmitted {
  pledge: PledgeRef;
  /** A revision of a returned (or still pending) pledge rather than a new one. */
  revised: boolean;
  /** The branch secretaries to tell (holders on the branch and the organisations above it). */
  secretaryUserIds: string[];
  actor: Actor;
}

export interface PledgeReviewed {
  pledge: PledgeRef;
  actor: Actor;
  reason: string | null;
}

export interface PledgeDone {
  pledge: PledgeRef;
  actor: Actor;
  at: Date;
  /** Who assesses it: the branch secretaries and the residence community's staff. */
  assessorUserIds: string[];
}

export interface PledgeAssessed {
  pledge: PledgeRef;
  kind: PledgeAssessorKind;
  grade: PledgeGrade;
  actor: Actor;
  /** Both assessments are in: the pledge is now 已评诺. */
  concluded: boolean;
}

declare module '../../common/events/domain-events' {
  interface DomainEventMap {
    /** A member made (or revised) a pledge: the branch secretary approves it. */
    'pledge.submitted': PledgeSubmitted;
    /** 亮诺: the secretary approved it (public on the community page). */
    'pledge.approved': PledgeReviewed;
    'pledge.returned': PledgeReviewed;
    /** 践诺: the member marked it done (the ledger credits it once). */
    'pledge.done': PledgeDone;
    /** 评诺: the branch or the community assessed it. */
    'pledge.assessed': PledgeAssessed;
  }
}
