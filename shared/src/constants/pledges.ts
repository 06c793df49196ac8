/**
 * 一党员一践诺: each member makes one public pledge a year. Submitted to the branch secretary → approved (亮诺: public
 * on the member's residence community page) or returned for editing → progress → done with evidence (践诺) → assessed
 * by the branch secretary and by the residence community's staff (评诺), each once; `assessed` when both have.
 */
export const PLEDGE_STATUSES = ['submitted', 'returned', 'approved', 'done', 'assessed'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];
export const PLEDGE_STATUS_LABELS: Record<PledgeStatus, string> = {
  submitted: '待审核',
  returned: '已退回',
  approved: '践诺中',
  done: '待评诺',
  assessed: '已评诺',
};

/** States shown publicly on the community page (亮诺 onwards). */
export const PLEDGE_PUBLIC_STATUSES = ['approved', 'done', 'assessed'] as const satisfies readonly PledgeStatus[];
/** States in which a pledge past its due date counts as overdue (not done yet). */
export const PLEDGE_OPEN_STATUSES = ['submitted', 'returned', 'approved'] as const satisfies readonly PledgeStatus[];

/** How the member's name is shown publicly: the family name only (王**) or in full — the member chooses. */
export const PLEDGE_NAME_DISPLAYS = ['masked', 'full'] as const;
export type PledgeNameDisplay = (typeof PLEDGE_NAME_DISPLAYS)[number];
export const PLEDGE_NAME_DISPLAY_LABELS: Record<PledgeNameDisplay, string> = { masked: '只显示姓氏（如 王**）', full: '显示全名' };

/** 评诺 grades. */
export const PLEDGE_GRADES = ['excellent', 'good', 'fair', 'poor'] as const;
export type PledgeGrade = (typeof PLEDGE_GRADES)[number];
export const PLEDGE_GRADE_LABELS: Record<PledgeGrade, string> = { excellent: '优秀', good: '良好', fair: '一般', poor: '较差' };

/** Who assesses: the member's branch (its secretary) and the residence community (its staff). */
export const PLEDGE_ASSESSOR_KINDS = ['branch', 'community'] as const;
export type PledgeAssessorKind = (typeof PLEDGE_ASSESSOR_KINDS)[number];
export const PLEDGE_ASSESSOR_LABELS: Record<PledgeAssessorKind, string> = { branch: '党支部评诺', community: '社区评诺' };

/** Limits of the pledge forms (characters as users count them). */
export const PLEDGE_LIMITS = {
  contentMin: 4,
  contentMax: 300,
  targetMin: 2,
  targetMax: 200,
  noteMin: 2,
  noteMax: 500,
  photosMax: 9,
  reasonMin: 2,
  reasonMax: 200,
  commentMin: 2,
  commentMax: 300,
} as const;

/** What a client may be offered on a pledge (Pledge.actions), declared by the server's pledge workflow. */
export const PLEDGE_OFFERED_ACTIONS = ['revise', 'approve', 'return', 'progress', 'complete', 'assess_branch', 'assess_community'] as const;
export type PledgeOfferedAction = (typeof PLEDGE_OFFERED_ACTIONS)[number];

/** The supervising roles a pledge list can be asked for. */
export const PLEDGE_LIST_ROLES = ['branch_secretary', 'community_staff', 'committee_admin'] as const;
export type PledgeListRole = (typeof PLEDGE_LIST_ROLES)[number];
