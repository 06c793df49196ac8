/**
 * 机关党组织年度报告: a unit's annual report to the work committee (drafted by its org admin from the unit's data,
 * approved or returned by a committee admin), and the paired streets' assessments of its agreements.
 */
export const ORG_REPORT_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type OrgReportStatus = (typeof ORG_REPORT_STATUSES)[number];
export const ORG_REPORT_STATUS_LABELS: Record<OrgReportStatus, string> = {
  draft: '草稿',
  submitted: '待工委审核',
  approved: '已通过',
  returned: '已退回',
};

/** What a client may be offered on an organisation report (OrgReport.actions), declared by the server's workflow. */
export const ORG_REPORT_OFFERED_ACTIONS = ['save', 'refresh', 'submit', 'approve', 'return'] as const;
export type OrgReportOfferedAction = (typeof ORG_REPORT_OFFERED_ACTIONS)[number];

export const ORG_REPORT_LIMITS = {
  summaryMax: 2000,
  summaryMinToSubmit: 10,
  commentMax: 500,
  returnCommentMin: 2,
  assessmentCommentMax: 300,
  firstYear: 2020,
} as const;
