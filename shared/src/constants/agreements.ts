/**
 * 共建协议 (co-building agreement) between a unit (or a party committee) and a street or a community: proposed by the
 * unit's org admin, countersigned (or sent back) by the other side, in force for its term, ended early or expired.
 * An agreement in force is the unit's 组织报到 there. Its commitments are the unit's resource list (资源清单).
 */
export const AGREEMENT_STATUSES = ['proposed', 'returned', 'withdrawn', 'in_force', 'ended_early', 'expired'] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus, string> = {
  proposed: '待会签',
  returned: '已退回',
  withdrawn: '已撤回',
  in_force: '已生效',
  ended_early: '已提前终止',
  expired: '已到期',
};

/**
 * What a client may be offered on an agreement (Agreement.actions), in the order of the buttons' importance. The
 * server's agreement workflow declares each (server/src/modules/agreements/agreements.policy.ts; a unit test keeps them equal).
 */
export const AGREEMENT_OFFERED_ACTIONS = ['countersign', 'return', 'repropose', 'withdraw', 'end_early'] as const;
export type AgreementOfferedAction = (typeof AGREEMENT_OFFERED_ACTIONS)[number];

export const AGREEMENT_ACTION_LABELS: Record<AgreementOfferedAction, string> = {
  countersign: '会签',
  return: '退回修改',
  repropose: '修改后重新提交',
  withdraw: '撤回',
  end_early: '提前终止',
};

/** Limits of ProposeAgreementSchema (characters as users count them). */
export const AGREEMENT_LIMITS = {
  commitmentsMin: 1,
  commitmentsMax: 12,
  descriptionMin: 2,
  descriptionMax: 100,
  quantityMin: 1,
  quantityMax: 1_000_000,
  unitMax: 10,
  contactNameMin: 2,
  contactNameMax: 20,
  noteMax: 300,
  reasonMin: 2,
  reasonMax: 200,
  /** The longest term one agreement may have; renewals are new agreements. */
  termMaxYears: 5,
} as const;

/** Units a commitment's quantity is usually counted in (the form offers them; any short text is accepted). */
export const COMMITMENT_UNIT_SUGGESTIONS = ['次/年', '次', '人次', '场', '株', '户', '件', '份'] as const;

/** What the 1+N view lists as a need (需求清单). */
export const NEED_KINDS = ['wish', 'project'] as const;
export type NeedKind = (typeof NEED_KINDS)[number];

/**
 * How the dispatch picker ranks a unit for one wish: a partner of the street whose resource list matches the wish's
 * category, another partner of the street, or any other unit.
 */
export const DISPATCH_CANDIDATE_TIERS = ['matching', 'partner', 'other'] as const;
export type DispatchCandidateTier = (typeof DISPATCH_CANDIDATE_TIERS)[number];

export const DISPATCH_CANDIDATE_TIER_LABELS: Record<DispatchCandidateTier, string> = {
  matching: '共建单位 · 资源清单匹配',
  partner: '本街道共建单位',
  other: '其他单位',
};
