/** Lifecycle of a 微心愿 (domain.md). `submitted` and `held` are never on the public wall. */
export const WISH_STATUSES = ['submitted', 'held', 'rejected', 'withdrawn', 'published', 'claimed', 'fulfilled', 'disputed', 'confirmed'] as const;
export type WishStatus = (typeof WISH_STATUSES)[number];

export const WISH_STATUS_LABELS: Record<WishStatus, string> = {
  submitted: '待审核',
  held: '待人工复核',
  rejected: '未通过',
  withdrawn: '已撤回',
  published: '待认领',
  claimed: '已认领',
  fulfilled: '已圆梦',
  disputed: '有异议',
  confirmed: '已确认',
};

/** States shown on the public wall (published and later). */
export const PUBLIC_WISH_STATUSES = ['published', 'claimed', 'fulfilled', 'disputed', 'confirmed'] as const satisfies readonly WishStatus[];

/** A claim is live while open or fulfilled (awaiting confirmation); the rest are endings kept for history. */
export const CLAIM_STATUSES = ['open', 'fulfilled', 'completed', 'released', 'revoked', 'expired'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];
export const DISPATCH_STATUSES = ['pending', 'accepted', 'declined', 'escalated'] as const;
export type DispatchStatus = (typeof DISPATCH_STATUSES)[number];
/** Where a dispatch stands, worded the same on the board, the unit's list and the wish. */
export const DISPATCH_STATUS_LABELS: Record<DispatchStatus, string> = {
  pending: '派单中',
  accepted: '已承接',
  declined: '已婉拒',
  escalated: '已上报',
};

/**
 * Days a unit has to answer a dispatch (承接 or 不能承接) before it goes up to the work committee: the one number
 * behind the dispatch's answer-by time, the message to the unit and the form's wording.
 */
export const DISPATCH_ANSWER_DAYS = 3;

/** Who holds a claim: a member personally, or an organisation (claimed by its admin). */
export const CLAIMANT_KINDS = ['member', 'organisation'] as const;
export type ClaimantKind = (typeof CLAIMANT_KINDS)[number];

/** Why a wish is on an overdue board. */
export const OVERDUE_REASONS = ['unclaimed', 'claim_deadline_passed', 'dispatch_unanswered'] as const;
export type OverdueReason = (typeof OVERDUE_REASONS)[number];
export const OVERDUE_LABELS: Record<OverdueReason, string> = {
  unclaimed: '长期无人认领',
  claim_deadline_passed: '认领超期未完成',
  dispatch_unanswered: '派单未答复',
};

export const WISH_CATEGORIES = ['生活用品', '学习用品', '医疗健康', '家用电器', '助老助残', '其他'] as const;
export type WishCategory = (typeof WISH_CATEGORIES)[number];

export const HARDSHIP_CATEGORIES = ['低保', '特困', '残疾', '独居老人', '困难学生', '其他'] as const;
export type HardshipCategory = (typeof HARDSHIP_CATEGORIES)[number];

/** Version of the consent text shown with the form; bump it when the wording changes. */
export const WISH_CONSENT_VERSION = '2026-11-v1';

/** Limits of CreateWishSchema (characters as users count them; value in whole yuan). */
export const WISH_LIMITS = {
  titleMax: 30,
  descriptionMax: 500,
  valueMinYuan: 1,
  valueMaxYuan: 2000,
  photosMax: 3,
  beneficiaryNameMin: 2,
  beneficiaryNameMax: 20,
  guardianNameMin: 2,
  guardianNameMax: 20,
  relationMax: 8,
  addressMin: 5,
  addressMax: 100,
} as const;

/**
 * A wish's contact number: an 11-digit mobile, or (代录, for a resident without a mobile) a landline with its
 * area code, 0931-8123456 or 09318123456.
 */
export const WISH_CONTACT_PHONE_PATTERN = /^(0\d{2,3}-?\d{7,8}|1[3-9]\d{9})$/;

/**
 * Actions whose timeline note is private (the fulfilment note, dispute and reopen reasons, staff notes): shown
 * to the resident, the live claimant and the community's staff only; everyone else sees the step without it.
 */
export const PRIVATE_NOTE_WISH_ACTIONS = ['fulfil', 'dispute', 'reopen', 'confirm_on_behalf', 'revoke', 'release'] as const;

/**
 * What a client may be offered on a wish (WishDetail.actions), in the order of the buttons' importance. The
 * server's wish workflow declares each (server/src/modules/wishes/wishes.policy.ts; a unit test keeps them equal).
 */
export const WISH_OFFERED_ACTIONS = [
  'approve',
  'reject',
  'claim',
  'claim_for_unit',
  'fulfil',
  'confirm',
  'dispute',
  'confirm_on_behalf',
  'reopen',
  'release',
  'revoke',
  'dispatch',
  'view_contact',
  'withdraw',
  'resubmit',
] as const;
export type WishOfferedAction = (typeof WISH_OFFERED_ACTIONS)[number];
