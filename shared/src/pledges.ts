import { z } from 'zod';
import { COMMITMENT_CATEGORIES } from './constants/service';
import { PLEDGE_ASSESSOR_KINDS, PLEDGE_GRADES, PLEDGE_LIMITS as L, PLEDGE_LIST_ROLES, PLEDGE_NAME_DISPLAYS, PLEDGE_OFFERED_ACTIONS, PLEDGE_STATUSES } from './constants/pledges';
import { pageOf, pageQueryFields } from './errors';
import { ProjectSchema } from './projects';
import { WishPhotoSchema } from './wishes';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isCalendarDate = (value: string) => {
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};
/** A yes/no query parameter: `true` or `false`. */
const flag = z.enum(['true', 'false'], { message: '应为 true 或 false' }).optional();
const photoIds = z.array(z.string()).max(L.photosMax, `最多上传 ${L.photosMax} 张照片`).default([]);

/** A pledge as the member writes it (also when revising a returned one). The year is the due date's year. */
export const PledgeInputSchema = z.object({
  content: z.string().trim().min(L.contentMin, `请填写承诺内容（至少 ${L.contentMin} 个字）`).max(L.contentMax, `承诺内容最多 ${L.contentMax} 个字`),
  /** Measurable: "为社区老人义务理发 12 次". */
  target: z.string().trim().min(L.targetMin, '请填写可衡量的目标（如：全年义务理发 12 次）').max(L.targetMax, `目标最多 ${L.targetMax} 个字`),
  dueDate: z.string().regex(DATE, '截止日期格式应为 2026-12-31').refine(isCalendarDate, '截止日期不是有效的日期'),
  category: z.enum(COMMITMENT_CATEGORIES, { message: '请选择承诺类别' }),
  nameDisplay: z.enum(PLEDGE_NAME_DISPLAYS, { message: '请选择公示时如何显示姓名' }),
});
export type PledgeInput = z.infer<typeof PledgeInputSchema>;

export const ReviewPledgeSchema = z
  .object({
    decision: z.enum(['approve', 'return'], { message: '请选择通过或退回' }),
    reason: z.string().trim().max(L.reasonMax, `原因最多 ${L.reasonMax} 个字`).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'return' && (v.reason ?? '').length < L.reasonMin) ctx.addIssue({ code: 'custom', path: ['reason'], message: '请填写退回原因，便于党员修改（至少 2 个字）' });
  });
export type ReviewPledge = z.infer<typeof ReviewPledgeSchema>;

export const PledgeProgressInputSchema = z.object({
  note: z.string().trim().min(L.noteMin, '请填写进展情况').max(L.noteMax, `进展说明最多 ${L.noteMax} 个字`),
  photoIds,
});
export type PledgeProgressInput = z.infer<typeof PledgeProgressInputSchema>;

/** 践诺: what was done, as evidence, with optional photos. */
export const CompletePledgeSchema = z.object({
  evidence: z.string().trim().min(L.noteMin, '请填写践诺情况（做了什么、达到了什么目标）').max(L.noteMax, `践诺说明最多 ${L.noteMax} 个字`),
  photoIds,
});
export type CompletePledge = z.infer<typeof CompletePledgeSchema>;

export const AssessPledgeSchema = z.object({
  grade: z.enum(PLEDGE_GRADES, { message: '请选择评价等次' }),
  comment: z.string().trim().min(L.commentMin, '请填写评语（至少 2 个字）').max(L.commentMax, `评语最多 ${L.commentMax} 个字`),
  /** Only needed by someone who is both the branch secretary and staff of the residence community. */
  as: z.enum(PLEDGE_ASSESSOR_KINDS).optional(),
});
export type AssessPledge = z.infer<typeof AssessPledgeSchema>;

const Named = z.object({ id: z.string(), name: z.string() });

export const PledgeAssessmentSchema = z.object({
  kind: z.enum(PLEDGE_ASSESSOR_KINDS),
  grade: z.enum(PLEDGE_GRADES),
  comment: z.string(),
  /** The branch or the community that assessed. */
  assessorName: z.string(),
  at: z.string(),
});
export type PledgeAssessment = z.infer<typeof PledgeAssessmentSchema>;

export const PledgeProgressSchema = z.object({ id: z.string(), note: z.string(), photos: z.array(WishPhotoSchema), at: z.string() });

/** A pledge in a list (the member's own, a secretary's or staff's). */
export const PledgeSummarySchema = z.object({
  id: z.string(),
  year: z.number(),
  content: z.string(),
  target: z.string(),
  dueDate: z.string(),
  category: z.enum(COMMITMENT_CATEGORIES),
  nameDisplay: z.enum(PLEDGE_NAME_DISPLAYS),
  status: z.enum(PLEDGE_STATUSES),
  /** Past its due date and not done yet. */
  overdue: z.boolean(),
  /** The member's name in full for those the pledge concerns; the public form (as chosen) for anyone else. */
  member: z.object({ id: z.string(), name: z.string() }),
  publicName: z.string(),
  branch: Named,
  community: Named,
  returnReason: z.string().nullable(),
  /** Which of the two assessments exist. */
  assessed: z.array(z.enum(PLEDGE_ASSESSOR_KINDS)),
  submittedAt: z.string(),
  approvedAt: z.string().nullable(),
  doneAt: z.string().nullable(),
  updatedAt: z.string(),
  /** What the caller may do now (drives the buttons). */
  actions: z.array(z.enum(PLEDGE_OFFERED_ACTIONS)),
});
export type PledgeSummary = z.infer<typeof PledgeSummarySchema>;
export const PledgePageSchema = pageOf(PledgeSummarySchema);
export type PledgePage = z.infer<typeof PledgePageSchema>;

export const PledgeSchema = PledgeSummarySchema.extend({
  progress: z.array(PledgeProgressSchema),
  evidence: z.object({ note: z.string(), photos: z.array(WishPhotoSchema) }).nullable(),
  /** Shown to the member and to those who supervise them; empty for the public. */
  assessments: z.array(PledgeAssessmentSchema),
});
export type Pledge = z.infer<typeof PledgeSchema>;

/** 我的践诺: this year (Beijing), the member's pledges newest year first, and where they would be public. */
export const MyPledgesSchema = z.object({
  year: z.number(),
  items: z.array(PledgeSummarySchema),
  /** Null: not registered with a residence community yet (a pledge needs one: it is public there). */
  residenceCommunity: Named.nullable(),
});
export type MyPledges = z.infer<typeof MyPledgesSchema>;

export const PledgeListQuerySchema = z.object({
  /** Which of the caller's roles to list for (default: all of their supervising roles). */
  role: z.enum(PLEDGE_LIST_ROLES).optional(),
  status: z.enum(PLEDGE_STATUSES).optional(),
  /** Past due and not done (any year unless `year` is given). */
  overdue: flag,
  /** What waits for the caller in `role`: to approve (secretary) and to assess (secretary, staff). */
  todo: flag,
  branchId: z.string().optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  ...pageQueryFields,
});
export type PledgeListQuery = z.infer<typeof PledgeListQuerySchema>;

/** What anyone sees on a community page: the name as the member chose, their branch, the pledge and how it stands. */
export const PublicPledgeSchema = z.object({
  id: z.string(),
  name: z.string(),
  branchName: z.string(),
  content: z.string(),
  target: z.string(),
  dueDate: z.string(),
  status: z.enum(PLEDGE_STATUSES),
  approvedAt: z.string().nullable(),
  doneAt: z.string().nullable(),
});
export type PublicPledge = z.infer<typeof PublicPledgeSchema>;
export const PublicPledgePageSchema = pageOf(PublicPledgeSchema);
export type PublicPledgePage = z.infer<typeof PublicPledgePageSchema>;

export const PublicPledgeQuerySchema = z.object({
  communityCode: z.string().trim().min(1, '缺少社区编码').max(12),
  /** Default: this year (Beijing time). */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(20, '每页最多 20 条').default(10),
});
export type PublicPledgeQuery = z.infer<typeof PublicPledgeQuerySchema>;

// ---------- 一支部一实事: a branch's page, and the branches without a project ----------

export const YearQuerySchema = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const BranchPageSchema = z.object({
  branch: Named,
  unit: Named.nullable(),
  year: z.number(),
  /** Livelihood projects the branch claimed this year (一支部一实事). */
  projects: z.array(ProjectSchema),
  /** The branch's members' pledges of the year, by state, and how many are overdue. */
  pledges: z.object({ total: z.number(), byStatus: z.record(z.enum(PLEDGE_STATUSES), z.number()), overdue: z.number() }),
});
export type BranchPage = z.infer<typeof BranchPageSchema>;

export const BranchWithoutProjectSchema = z.object({ id: z.string(), name: z.string(), unit: Named.nullable() });
export const BranchesWithoutProjectQuerySchema = YearQuerySchema.extend({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100, '每页最多 100 条').default(50),
});
export type BranchesWithoutProjectQuery = z.infer<typeof BranchesWithoutProjectQuerySchema>;
export const BranchesWithoutProjectPageSchema = pageOf(BranchWithoutProjectSchema).extend({
  year: z.number(),
  /** Branches in the caller's scope, with or without a project. */
  branches: z.number(),
});
export type BranchesWithoutProjectPage = z.infer<typeof BranchesWithoutProjectPageSchema>;
