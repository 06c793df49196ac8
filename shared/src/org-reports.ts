import { z } from 'zod';
import { ORG_REPORT_LIMITS as L, ORG_REPORT_OFFERED_ACTIONS, ORG_REPORT_STATUSES } from './constants/org-reports';
import { ASSESSMENT_GRADES } from './constants/reports';
import { pageOf, pageQueryFields } from './errors';
import { approveCommentSchema, assessmentInputFields, returnCommentSchema, reviewOutcomeFields } from './review';
import { DeliverySchema } from './agreements';
import { TimelineEntrySchema } from './wishes';

const named = z.object({ id: z.string(), name: z.string() });

/** A calendar year (Beijing time) that has begun. */
export const ReportYearSchema = z.coerce.number({ message: '请选择报告年度' }).int('报告年度应为整数').min(L.firstYear, `报告年度不能早于 ${L.firstYear} 年`).max(2100, '报告年度不正确');

/** One line of an agreement's resource list with what the unit delivered against it in the agreement's term. */
export const OrgReportCommitmentSchema = z.object({
  id: z.string(),
  category: z.string(),
  description: z.string(),
  quantity: z.number(),
  unit: z.string(),
  delivered: DeliverySchema,
});

export const OrgReportAgreementSchema = z.object({
  id: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  region: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  street: named,
  startDate: z.string(),
  endDate: z.string(),
  commitments: z.array(OrgReportCommitmentSchema),
});

/** The unit's figures for a year, as the report snapshots them (refreshable while the unit's to edit). */
export const OrgReportFiguresSchema = z.object({
  year: z.number(),
  /** Members on the unit's rosters, those with service in the year, their minutes (the ledger) and the mean. */
  members: z.object({ roster: z.number(), withService: z.number(), totalMinutes: z.number(), minutesPerMember: z.number(), unitMinutes: z.number() }),
  /** Half-year reports of the unit's members: submitted at least once, and approved. */
  memberReports: z.array(z.object({ period: z.string(), label: z.string(), submitted: z.number(), approved: z.number() })),
  /** Agreements in force at some time in the year, each commitment with what was delivered in the term. */
  agreements: z.array(OrgReportAgreementSchema),
  /** Wishes claimed in the year by the unit (or an organisation in it) and by its members; completed = confirmed. */
  wishes: z.object({
    claimed: z.number(),
    completed: z.number(),
    byUnit: z.object({ claimed: z.number(), completed: z.number() }),
    byMembers: z.object({ claimed: z.number(), completed: z.number() }),
  }),
  /** Livelihood projects claimed in the year by the unit or anything in it; completed = completed or verified. */
  projects: z.object({ claimed: z.number(), completed: z.number() }),
  /** 一支部一实事: the unit's branches and those that claimed a project this year. */
  branchProjects: z.object({
    branches: z.number(),
    withProject: z.number(),
    items: z.array(z.object({ id: z.string(), title: z.string(), branch: named, status: z.string(), statusLabel: z.string() })),
  }),
  /** 一党员一践诺: the year's pledges of the unit's members; done = done or assessed. */
  pledges: z.object({ members: z.number(), pledged: z.number(), done: z.number() }),
  takenAt: z.string(),
});
export type OrgReportFigures = z.infer<typeof OrgReportFiguresSchema>;

/** A paired street's assessment of one of the unit's agreements for a year. */
export const AgreementAssessmentSchema = z.object({
  id: z.string(),
  agreementId: z.string(),
  year: z.number(),
  street: named,
  grade: z.enum(ASSESSMENT_GRADES),
  gradeLabel: z.string(),
  comment: z.string(),
  /** Recorded by the caller's street. */
  mine: z.boolean(),
  at: z.string(),
});
export type AgreementAssessment = z.infer<typeof AgreementAssessmentSchema>;

export const OrgReportVersionSchema = z.object({
  version: z.number(),
  summary: z.string(),
  figures: OrgReportFiguresSchema,
  submittedAt: z.string(),
  ...reviewOutcomeFields,
});
export type OrgReportVersion = z.infer<typeof OrgReportVersionSchema>;

export const OrgReportSchema = z.object({
  id: z.string(),
  year: z.number(),
  status: z.enum(ORG_REPORT_STATUSES),
  statusLabel: z.string(),
  unit: named,
  summary: z.string(),
  figures: OrgReportFiguresSchema,
  version: z.number(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** Newest first: every submission with the committee's decision and comment. */
  versions: z.array(OrgReportVersionSchema),
  timeline: z.array(TimelineEntrySchema),
  /** The paired streets' assessments of the unit's agreements for the year (shown beside each agreement). */
  assessments: z.array(AgreementAssessmentSchema),
  actions: z.array(z.enum(ORG_REPORT_OFFERED_ACTIONS)),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OrgReport = z.infer<typeof OrgReportSchema>;

export const OrgReportListItemSchema = z.object({
  id: z.string(),
  year: z.number(),
  status: z.enum(ORG_REPORT_STATUSES),
  statusLabel: z.string(),
  unit: named,
  version: z.number(),
  submittedAt: z.string().nullable(),
  assessments: z.number(),
  updatedAt: z.string(),
});
export type OrgReportListItem = z.infer<typeof OrgReportListItemSchema>;
export const OrgReportPageSchema = pageOf(OrgReportListItemSchema);
export type OrgReportPage = z.infer<typeof OrgReportPageSchema>;

export const OrgReportListQuerySchema = z.object({
  year: ReportYearSchema.optional(),
  status: z.enum(ORG_REPORT_STATUSES).optional(),
  unitId: z.string().optional(),
  ...pageQueryFields,
});
export type OrgReportListQuery = z.infer<typeof OrgReportListQuerySchema>;

export const CreateOrgReportSchema = z.object({
  year: ReportYearSchema,
  /** The unit (default: the caller's only unit as org admin). */
  unitId: z.string().optional(),
});
export type CreateOrgReport = z.infer<typeof CreateOrgReportSchema>;

export const UpdateOrgReportSchema = z.object({ summary: z.string().max(L.summaryMax, `报告正文最多 ${L.summaryMax} 个字`) });
export type UpdateOrgReport = z.infer<typeof UpdateOrgReportSchema>;

export const ApproveOrgReportSchema = approveCommentSchema(L);
export const ReturnOrgReportSchema = returnCommentSchema(L);

export const AgreementAssessmentsQuerySchema = z.object({ year: ReportYearSchema.optional() });
export const AssessAgreementSchema = z.object({
  year: ReportYearSchema,
  ...assessmentInputFields(L.assessmentCommentMax),
});
export type AssessAgreement = z.infer<typeof AssessAgreementSchema>;

/** A street's view of one agreement's assessments for a year: all of them, and whether the caller may assess. */
export const AgreementAssessmentsSchema = z.object({
  agreementId: z.string(),
  year: z.number(),
  unit: named,
  street: named,
  canAssess: z.boolean(),
  items: z.array(AgreementAssessmentSchema),
});
export type AgreementAssessments = z.infer<typeof AgreementAssessmentsSchema>;
