import type { Actor } from '../../common/workflow/actor';

export interface ReportRef {
  id: string;
  memberId: string;
  /** The member's user (the author): told about decisions. */
  authorUserId: string | null;
  branchId: string;
  period: string;
  periodLabel: string;
}

export interface ReportSubmitted {
  report: ReportRef;
  version: number;
  /** The branch's secretaries, told that a report waits for them. */
  secretaryUserIds: string[];
  memberName: string;
  actor: Actor;
  at: Date;
}

export interface ReportDecided {
  report: ReportRef;
  version: number;
  comment: string | null;
  actor: Actor;
  at: Date;
}

export interface ReportsDueSoon {
  period: string;
  periodLabel: string;
  deadlineDay: string;
  daysBefore: number;
  /** Members (their users) whose report for the period is not in yet. */
  userIds: string[];
}

declare module '../../common/events/domain-events' {
  interface DomainEventMap {
    /** A member submitted (or resubmitted) a half-year report. */
    'report.submitted': ReportSubmitted;
    /** The branch secretary approved it. */
    'report.approved': ReportDecided;
    /** The branch secretary returned it with comments. */
    'report.returned': ReportDecided;
    /** A reminder before the deadline (7 and 1 days before by default), exactly once per period and day. */
    'report.due_soon': ReportsDueSoon;
  }
}
