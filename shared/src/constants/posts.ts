import type { CommitmentCategory } from './service';

/**
 * 党员服务岗位: a community's standing posts. Members take one (认岗) for a year, log shifts (值守), and the
 * community's staff confirm them; confirmed shifts are credited to the member's ledger.
 */
export const SERVICE_POST_TYPES = ['政策宣传岗', '环境卫生监督岗', '邻里调解岗', '助老服务岗', '文明劝导岗', '其他'] as const;
export type ServicePostType = (typeof SERVICE_POST_TYPES)[number];

/** The resource-list category a confirmed shift on each type of post counts under (ledger entries, agreements). */
export const SERVICE_POST_COMMITMENT_CATEGORY: Record<ServicePostType, CommitmentCategory> = {
  政策宣传岗: '政策宣讲',
  环境卫生监督岗: '绿化美化',
  邻里调解岗: '其他',
  助老服务岗: '助老助残',
  文明劝导岗: '其他',
  其他: '其他',
};

export function commitmentCategoryOfPost(type: string): CommitmentCategory {
  return (SERVICE_POST_COMMITMENT_CATEGORY as Record<string, CommitmentCategory>)[type] ?? '其他';
}

/** A holding (认岗): active for a year, released early by the member (or the unit that assigned it), or expired. */
export const POST_HOLDING_STATUSES = ['active', 'released', 'expired'] as const;
export type PostHoldingStatus = (typeof POST_HOLDING_STATUSES)[number];
export const POST_HOLDING_STATUS_LABELS: Record<PostHoldingStatus, string> = {
  active: '在岗',
  released: '已离岗',
  expired: '已期满',
};

/** A shift (值守记录): pending until the community's staff confirm or reject it. */
export const SHIFT_STATUSES = ['pending', 'confirmed', 'rejected'] as const;
export type ShiftStatus = (typeof SHIFT_STATUSES)[number];
export const SHIFT_STATUS_LABELS: Record<ShiftStatus, string> = {
  pending: '待社区确认',
  confirmed: '已确认',
  rejected: '未通过',
};

/** Offered actions (declared by the server's workflows; unit tests keep them equal). */
export const POST_HOLDING_OFFERED_ACTIONS = ['log_shift', 'release'] as const;
export type PostHoldingOfferedAction = (typeof POST_HOLDING_OFFERED_ACTIONS)[number];
export const SHIFT_OFFERED_ACTIONS = ['confirm', 'reject'] as const;
export type ShiftOfferedAction = (typeof SHIFT_OFFERED_ACTIONS)[number];

export const POST_LIMITS = {
  nameMin: 2,
  nameMax: 20,
  descriptionMin: 2,
  descriptionMax: 500,
  placesMin: 1,
  placesMax: 50,
  /** A holding lasts this many months (认岗一年). */
  termMonths: 12,
  shiftMinutesMin: 1,
  shiftMinutesMax: 720,
  /** Pending and confirmed shifts of one member on one day add up to at most this. */
  dayMinutesMax: 720,
  shiftContentMin: 2,
  shiftContentMax: 300,
  shiftPhotosMax: 3,
  /** A shift is logged within this many days of the day served. */
  shiftMaxAgeDays: 30,
  reasonMin: 2,
  reasonMax: 200,
} as const;

/** What a client may be offered on a post (ServicePost.actions): a post is open while it has free places. */
export const SERVICE_POST_STATES = ['open', 'full'] as const;
export type ServicePostState = (typeof SERVICE_POST_STATES)[number];
export const SERVICE_POST_OFFERED_ACTIONS = ['take', 'take_for_member', 'edit'] as const;
export type ServicePostOfferedAction = (typeof SERVICE_POST_OFFERED_ACTIONS)[number];
