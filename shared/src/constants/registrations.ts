/**
 * 党员报到: a member asks to register with the community where they live; its staff confirm or reject. One
 * active (confirmed) registration at a time: a new one, once confirmed, ends the old (superseded).
 */
export const REGISTRATION_STATUSES = ['pending', 'confirmed', 'rejected', 'cancelled', 'ended'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];

export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  pending: '待社区确认',
  confirmed: '已报到',
  rejected: '未通过',
  cancelled: '已撤回',
  ended: '已结束',
};

/** Why a confirmed registration ended: a newer one was confirmed elsewhere, or the member withdrew it. */
export const REGISTRATION_END_REASONS = ['superseded', 'withdrawn'] as const;
export type RegistrationEndReason = (typeof REGISTRATION_END_REASONS)[number];
export const REGISTRATION_END_REASON_LABELS: Record<RegistrationEndReason, string> = {
  superseded: '已转到新社区报到',
  withdrawn: '本人撤销报到',
};

/** The member card's one-line state: 未报到 / 待社区确认 / 已报到. */
export const REGISTRATION_CARD_STATES = ['none', 'pending', 'registered'] as const;
export type RegistrationCardState = (typeof REGISTRATION_CARD_STATES)[number];

/** What a client may be offered on a registration (Registration.actions), declared by the server's workflow. */
export const REGISTRATION_OFFERED_ACTIONS = ['confirm', 'reject', 'cancel', 'withdraw'] as const;
export type RegistrationOfferedAction = (typeof REGISTRATION_OFFERED_ACTIONS)[number];

export const REGISTRATION_LIMITS = {
  reasonMin: 2,
  reasonMax: 200,
} as const;
