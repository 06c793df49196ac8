import { z } from 'zod';
import { LEDGER_KINDS } from './constants/ledger';
import { ASSESSMENT_GRADES, PLEDGE_STATES, REPORT_DUE_STATES, REPORT_LIMITS as L, REPORT_OFFERED_ACTIONS, REPORT_STATUSES } from './constants/reports';
import { pageOf, pageQueryFields } from './errors';
import { approveCommentSchema, assessmentInputFields, returnCommentSchema, reviewOutcomeFields } from './review';
import { TimelineEntrySchema, WishPhotoSchema } from './wishes';

/** A half year only: reports are written for 2026H1 (January–June) or 2026H2 (July–December). */
export const HalfYearSchema = z
  .string()
  .trim()
  .regex(/^\d{4}H[12]$/, '报告时段格式应为 2026H1 或 2026H2');

const named = z.object({ id: z.string(), name: z.string() });
export const PeriodInfoSchema = z.object({ key: z.string(), label: z.string(), from: z.string(), to: z.string() });

/** The ledger's figures for a member and a half year, as the report snapshots them. */
export const ReportFiguresSchema = z.object({
  period: PeriodInfoSchema,
  totalMinutes: z.number(),
  totalValueYuan: z.number(),
  /** Every member kind, zeros included; corrections count against the kind they correct. */
  byKind: z.array(z.object({ kind: z.enum(LEDGER_KINDS), label: z.string(), minutes: z.number(), valueYuan: z.number(), entries: z.number() })),
  activitiesAttended: z.number(),
  wishesFulfilled: z.number(),
  projects: z.number(),
  postShifts: z.number(),
  pledge: z.object({ state: z.enum(PLEDGE_STATES), label: z.string(), title: z.string().nullable() }),
  communities: z.array(z.object({ id: z.string(), name: z.string(), street: named.nullable(), minutes: z.number(), entries: z.number() })),
  takenAt: z.string(),
});
export type ReportFigures = z.infer<typeof ReportFiguresSchema>;

export const CreateReportSchema = z.object({ period: HalfYearSchema });
export type CreateReport = z.infer<typeof CreateReportSchema>;

export const UpdateReportSchema = z.object({
  summary: z.string().max(L.summaryMax, `报告正文最多 ${L.summaryMax} 个字`).optional(),
  photoIds: z.array(z.string()).max(L.photosMax, `最多上传 ${L.photosMax} 张照片`).optional(),
});
export type UpdateReport = z.infer<typeof UpdateReportSchema>;

export const ApproveReportSchema = approveCommentSchema(L);
export type ApproveReport = z.infer<typeof ApproveReportSchema>;
export const ReturnReportSchema = returnCommentSchema(L);
export type ReturnReport = z.infer<typeof ReturnReportSchema>;

export const AssessmentSchema = z.object({
  id: z.string(),
  scope: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  grade: z.enum(ASSESSMENT_GRADES),
  gradeLabel: z.string(),
  comment: z.string(),
  assessor: z.object({ name: z.string(), roleLabel: z.string() }),
  /** Recorded by the caller's own scope. */
  mine: z.boolean(),
  at: z.string(),
});
export type Assessment = z.infer<typeof AssessmentSchema>;

export const ReportVersionSchema = z.object({
  version: z.number(),
  summary: z.string(),
  photos: z.array(WishPhotoSchema),
  figures: ReportFiguresSchema,
  submittedAt: z.string(),
  ...reviewOutcomeFields,
});
export type ReportVersion = z.infer<typeof ReportVersionSchema>;

export const ReportSchema = z.object({
  id: z.string(),
  period: PeriodInfoSchema,
  status: z.enum(REPORT_STATUSES),
  statusLabel: z.string(),
  member: named,
  branch: named,
  unit: named.nullable(),
  summary: z.string(),
  photos: z.array(WishPhotoSchema),
  /** The draft's figures (refreshable while a draft), or the snapshot taken at the last submission. */
  figures: ReportFiguresSchema,
  version: z.number(),
  deadline: z.string(),
  /** First submitted after the deadline, or not submitted and the deadline has passed. */
  late: z.boolean(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** Newest first: every submission with its outcome and the secretary's comment. */
  versions: z.array(ReportVersionSchema),
  timeline: z.array(TimelineEntrySchema),
  /** The streets' and communities' assessments for this member and period (reviewers only; null for others). */
  assessments: z.array(AssessmentSchema).nullable(),
  actions: z.array(z.enum(REPORT_OFFERED_ACTIONS)),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Report = z.infer<typeof ReportSchema>;

/** A report in a list: the report's own fields that a list shows, and its total minutes. */
export const ReportListItemSchema = ReportSchema.pick({
  id: true,
  period: true,
  status: true,
  statusLabel: true,
  member: true,
  branch: true,
  version: true,
  late: true,
  submittedAt: true,
  /** Beside each report in the review queue (null for the member's own list). */
  assessments: true,
  updatedAt: true,
}).extend({ totalMinutes: z.number() });
export type ReportListItem = z.infer<typeof ReportListItemSchema>;
export const ReportPageSchema = pageOf(ReportListItemSchema);
export type ReportPage = z.infer<typeof ReportPageSchema>;

export const ReportListQuerySchema = z.object({
  period: HalfYearSchema.optional(),
  status: z.enum(REPORT_STATUSES).optional(),
  branchId: z.string().optional(),
  ...pageQueryFields,
});
export type ReportListQuery = z.infer<typeof ReportListQuerySchema>;

export const ReportDueItemSchema = z.object({
  period: PeriodInfoSchema,
  deadline: z.string(),
  /** Whole days left until the deadline (negative: overdue). */
  daysLeft: z.number(),
  state: z.enum(REPORT_DUE_STATES),
  stateLabel: z.string(),
  late: z.boolean(),
  reportId: z.string().nullable(),
});
export type ReportDueItem = z.infer<typeof ReportDueItemSchema>;
export const ReportDueSchema = z.object({ member: z.boolean(), items: z.array(ReportDueItemSchema) });
export type ReportDue = z.infer<typeof ReportDueSchema>;

export const LateQuerySchema = z.object({ period: HalfYearSchema.optional(), branchId: z.string().optional() });
export const LateListSchema = z.object({
  period: PeriodInfoSchema,
  deadline: z.string(),
  branch: named,
  /** Members counted (the branch's roster). */
  members: z.number(),
  items: z.array(
    z.object({
      member: named,
      state: z.enum(REPORT_DUE_STATES),
      stateLabel: z.string(),
      reportId: z.string().nullable(),
      submittedAt: z.string().nullable(),
      /** Submitted after the deadline (false: not submitted at all). */
      submittedLate: z.boolean(),
    }),
  ),
});
export type LateList = z.infer<typeof LateListSchema>;

export const ServedQuerySchema = z.object({
  period: HalfYearSchema.optional(),
  ...pageQueryFields,
});
export type ServedQuery = z.infer<typeof ServedQuerySchema>;

export const ServedMemberSchema = z.object({
  /** The member's id (a list key). */
  id: z.string(),
  member: named,
  branch: named.nullable(),
  unit: named.nullable(),
  /** In the caller's communities during the period. */
  minutes: z.number(),
  entries: z.number(),
  communities: z.array(z.object({ id: z.string(), name: z.string(), minutes: z.number() })),
  report: z.object({ id: z.string(), status: z.enum(REPORT_STATUSES), statusLabel: z.string() }).nullable(),
  assessments: z.array(AssessmentSchema),
  /** The caller's scopes that may assess this member (where they served). */
  assessableScopes: z.array(z.object({ id: z.string(), name: z.string(), level: z.string() })),
});
export type ServedMember = z.infer<typeof ServedMemberSchema>;
export const ServedPageSchema = pageOf(ServedMemberSchema).extend({ period: PeriodInfoSchema });
export type ServedPage = z.infer<typeof ServedPageSchema>;

export const AssessInputSchema = z.object({
  memberId: z.string().min(1, '请选择党员'),
  period: HalfYearSchema,
  ...assessmentInputFields(L.assessmentCommentMax),
  /** The caller's street or community to assess for (needed only when several of them saw this member serve). */
  scopeId: z.string().optional(),
});
export type AssessInput = z.infer<typeof AssessInputSchema>;

// ---------- certificates ----------

export const IssueCertificateSchema = z.object({
  period: z
    .string()
    .trim()
    .regex(/^\d{4}(H[12])?$/, '时段格式应为 2026H1、2026H2 或 2026'),
});
export type IssueCertificate = z.infer<typeof IssueCertificateSchema>;

export const CertificateSchema = z.object({
  number: z.string(),
  period: PeriodInfoSchema,
  totalMinutes: z.number(),
  totalHours: z.string(),
  entries: z.number(),
  issuer: z.object({ name: z.string(), personInCharge: z.string(), contact: z.string() }),
  issuedAt: z.string(),
  checkCode: z.string(),
  /** A short-lived link to the PDF (no sign-in needed while it lasts: the mini-program downloads it). */
  downloadUrl: z.string(),
  verifyUrl: z.string(),
});
export type Certificate = z.infer<typeof CertificateSchema>;
export const CertificateListSchema = z.object({ items: z.array(CertificateSchema) });
export type CertificateList = z.infer<typeof CertificateListSchema>;

export const CertificateVerificationSchema = z.object({
  number: z.string(),
  genuine: z.boolean(),
  message: z.string(),
  certificate: z
    .object({
      nameMasked: z.string(),
      branch: z.string(),
      unit: z.string().nullable(),
      issuer: z.string(),
      period: z.string(),
      totalHours: z.string(),
      entries: z.number(),
      issuedAt: z.string(),
      checkCode: z.string(),
    })
    .nullable(),
});
export type CertificateVerification = z.infer<typeof CertificateVerificationSchema>;
