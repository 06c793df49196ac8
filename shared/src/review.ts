import { z } from 'zod';
import { ASSESSMENT_GRADES, REPORT_DECISIONS } from './constants/reports';

/**
 * The parts every versioned review shares (member half-year reports, organisations' annual reports): a submitted
 * version's outcome, the reviewer's approve / return comments and a scope's graded assessment. Spread into each
 * contract where its fields stand, so every contract keeps its own key order.
 */

/** A frozen version's outcome: the reviewer's decision, its label, comment and name, and when. */
export const reviewOutcomeFields = {
  decision: z.enum(REPORT_DECISIONS).nullable(),
  decisionLabel: z.string().nullable(),
  comment: z.string().nullable(),
  reviewer: z.object({ name: z.string() }).nullable(),
  decidedAt: z.string().nullable(),
};

interface ReviewCommentLimits {
  commentMax: number;
  returnCommentMin: number;
}

/** Approving: an optional comment. */
export const approveCommentSchema = (L: ReviewCommentLimits) => z.object({ comment: z.string().trim().max(L.commentMax, `审核意见最多 ${L.commentMax} 个字`).optional() });

/** Returning: the changes asked for, required. */
export const returnCommentSchema = (L: ReviewCommentLimits) =>
  z.object({
    comment: z.string().trim().min(L.returnCommentMin, '退回时请写明修改意见').max(L.commentMax, `审核意见最多 ${L.commentMax} 个字`),
  });

/** An assessment's input: 优秀 / 良好 / 一般 / 较差 and a comment (empty by default). */
export const assessmentInputFields = (commentMax: number) => ({
  grade: z.enum(ASSESSMENT_GRADES, { message: '请选择评价等次' }),
  comment: z.string().trim().max(commentMax, `评价意见最多 ${commentMax} 个字`).default(''),
});
