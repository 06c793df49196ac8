import type { ActivityType, CommitmentCategory } from '@nuancheng/shared';
import type { Actor } from '../../common/workflow/actor';

/** The facts about an activity every subscriber needs (public facts only). */
export interface ActivityRef {
  id: string;
  title: string;
  type: ActivityType;
  communityId: string;
  streetId: string;
  startAt: Date;
  endAt: Date;
  organiserUserId: string;
  /** The partner unit that organises it (null: the community's own activity). */
  organisationId: string | null;
  /** The agreement commitment it delivers (null: none). */
  commitmentId: string | null;
}

/** An activity that delivers an agreement commitment ended: the ledger credits the partner unit once. */
export interface ActivityDelivered {
  activity: ActivityRef;
  /** The unit whose commitment it delivered, and the commitment's category. */
  unitId: string;
  category: CommitmentCategory;
  at: Date;
}

export interface ActivityCancelled {
  activity: ActivityRef;
  actor: Actor;
  reason: string;
  /** Users of the members who were signed up (or already checked in). */
  attendeeUserIds: string[];
}

/** One attendee's hours were decided: approved (as computed, confirmed to the end, or adjusted) or rejected. */
export interface ActivityHoursDecided {
  activity: ActivityRef;
  attendanceId: string;
  memberId: string;
  memberUserId: string | null;
  /** Minutes credited (0 when rejected). */
  minutes: number;
  outcome: 'approved' | 'adjusted' | 'rejected';
  reason: string | null;
  actor: Actor;
  at: Date;
}

declare module '../../common/events/domain-events' {
  interface DomainEventMap {
    'activity.cancelled': ActivityCancelled;
    'activity.hours_approved': ActivityHoursDecided;
    'activity.hours_rejected': ActivityHoursDecided;
    'activity.delivered': ActivityDelivered;
  }
}
