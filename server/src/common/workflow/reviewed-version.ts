import { REPORT_DECISION_LABELS, type ReportDecision } from '@nuancheng/shared';
import { newId } from '../ids';

/**
 * One versioned review (member half-year reports, organisations' annual reports): every submission is frozen as a
 * version; the reviewer approves or returns the version under review with a comment. The stored version as these
 * helpers read and write it (the entities extend `ReviewedVersionColumns`); pure, no table of its own.
 */
export interface ReviewedVersionRow {
  id: string;
  reportId: string;
  version: number;
  summary: string;
  /** JSON figures as taken at submission. */
  figures: string;
  submittedAt: Date;
  submittedByUserId: string;
  decision: ReportDecision | null;
  comment: string | null;
  reviewerUserId: string | null;
  reviewerName: string | null;
  decidedAt: Date | null;
}

export type ReviewAction = 'approve' | 'return';

/** A new version as just submitted: its text and figures frozen, no decision yet. */
export function submittedVersion(reportId: string, version: number, summary: string, figures: string, userId: string, at: Date): ReviewedVersionRow {
  return {
    id: newId(),
    reportId,
    version,
    summary,
    figures,
    submittedAt: at,
    submittedByUserId: userId,
    decision: null,
    comment: null,
    reviewerUserId: null,
    reviewerName: null,
    decidedAt: null,
  };
}

/** What the reviewer's action writes onto the version under review. */
export function versionDecision(
  action: ReviewAction,
  comment: string | null,
  reviewer: { userId: string; name: string },
  at: Date,
): Pick<ReviewedVersionRow, 'decision' | 'comment' | 'reviewerUserId' | 'reviewerName' | 'decidedAt'> {
  return { decision: action === 'approve' ? 'approved' : 'returned', comment, reviewerUserId: reviewer.userId, reviewerName: reviewer.name, decidedAt: at };
}

/** A frozen version as its contract shows it; `extra` (a report's photos) stands between the summary and the figures. */
export function presentVersion<F, E extends object>(v: ReviewedVersionRow, extra: E) {
  return {
    version: v.version,
    summary: v.summary,
    ...extra,
    figures: JSON.parse(v.figures) as F,
    submittedAt: v.submittedAt.toISOString(),
    decision: v.decision,
    decisionLabel: v.decision ? REPORT_DECISION_LABELS[v.decision] : null,
    comment: v.comment,
    reviewer: v.reviewerName ? { name: v.reviewerName } : null,
    decidedAt: v.decidedAt?.toISOString() ?? null,
  };
}
