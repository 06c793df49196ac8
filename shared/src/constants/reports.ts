/**
 * 双报告 · member half-year reports (在职党员每半年向所在党支部报告), the street's assessment of those who served
 * there, and the service-record certificates (志愿服务记录证明).
 */
export const REPORT_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  draft: '草稿',
  submitted: '待审核',
  approved: '已通过',
  returned: '已退回',
};

/** What a client may be offered on a report (Report.actions), declared by the server's report workflow. */
export const REPORT_OFFERED_ACTIONS = ['save', 'refresh', 'submit', 'approve', 'return'] as const;
export type ReportOfferedAction = (typeof REPORT_OFFERED_ACTIONS)[number];

/** The outcome recorded on a submitted version. */
export const REPORT_DECISIONS = ['approved', 'returned'] as const;
export type ReportDecision = (typeof REPORT_DECISIONS)[number];
export const REPORT_DECISION_LABELS: Record<ReportDecision, string> = { approved: '审核通过', returned: '退回修改' };

/** 街道/社区 评价 of a member who served there: 优秀 / 良好 / 一般 / 较差. */
export const ASSESSMENT_GRADES = ['excellent', 'good', 'fair', 'poor'] as const;
export type AssessmentGrade = (typeof ASSESSMENT_GRADES)[number];
export const ASSESSMENT_GRADE_LABELS: Record<AssessmentGrade, string> = { excellent: '优秀', good: '良好', fair: '一般', poor: '较差' };

/** The pledge slot of a report's figures until a pledges service fills it (一党员一践诺). */
export const PLEDGE_STATES = ['not_filed', 'in_progress', 'done'] as const;
export type PledgeState = (typeof PLEDGE_STATES)[number];
export const PLEDGE_STATE_LABELS: Record<PledgeState, string> = { not_filed: '未填报', in_progress: '践诺中', done: '已践诺' };

/** Where a report stands for its member against the period's deadline (GET /api/me/reports/due). */
export const REPORT_DUE_STATES = ['missing', ...REPORT_STATUSES] as const;
export type ReportDueState = (typeof REPORT_DUE_STATES)[number];
export const REPORT_DUE_LABELS: Record<ReportDueState, string> = { missing: '未开始', ...REPORT_STATUS_LABELS };

export const REPORT_LIMITS = {
  summaryMax: 2000,
  /** A submitted report says something. */
  summaryMinToSubmit: 10,
  photosMax: 9,
  commentMax: 500,
  returnCommentMin: 2,
  assessmentCommentMax: 300,
} as const;
