import { z } from 'zod';
import { ACTIVITY_LIMITS as L, ACTIVITY_OFFERED_ACTIONS, ACTIVITY_STATUSES, ATTENDANCE_STATUSES, HOURS_DECISIONS, HOURS_STATUSES } from './constants/activities';
import { PHONE_PATTERN } from './constants/members';
import { ACTIVITY_TYPES, COMMITMENT_CATEGORIES } from './constants/service';
import { pageOf, pageQueryFields } from './errors';

const Instant = z.iso.datetime({ offset: true, message: '时间格式应为 ISO 8601（如 2026-12-01T09:00:00+08:00）' });
const Reason = z.string().trim().min(L.reasonMin, `请写明原因（至少 ${L.reasonMin} 个字）`).max(L.reasonMax, `原因最多 ${L.reasonMax} 个字`);

/** Publish an activity in a community the caller serves. The place defaults to the community's point and radius. */
export const CreateActivitySchema = z.object({
  communityId: z.string().min(1, '请选择社区'),
  title: z.string().trim().min(L.titleMin, '请填写活动名称').max(L.titleMax, `活动名称最多 ${L.titleMax} 个字`),
  type: z.enum(ACTIVITY_TYPES, '请选择活动类型'),
  description: z.string().trim().max(L.descriptionMax, `活动说明最多 ${L.descriptionMax} 个字`).optional(),
  placeName: z.string().trim().min(L.placeMin, '请填写活动地点').max(L.placeMax, `活动地点最多 ${L.placeMax} 个字`),
  /** GCJ-02 (as WeChat's location APIs give it); both or neither. */
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  radiusM: z.number().int().min(L.radiusMinM, `签到范围至少 ${L.radiusMinM} 米`).max(L.radiusMaxM, `签到范围最多 ${L.radiusMaxM} 米`).optional(),
  startAt: Instant,
  endAt: Instant,
  capacity: z.number().int().min(L.capacityMin, '人数上限至少 1 人').max(L.capacityMax, `人数上限最多 ${L.capacityMax} 人`),
  /** Default: the start. */
  signupDeadline: Instant.optional(),
  /** Members who did not sign up may check in on the spot while places are left. */
  walkInsAllowed: z.boolean().default(false),
  /**
   * Publish for this unit (an org admin's own unit, or one under it): the unit must have an agreement in force
   * covering the community (组织报到). Absent: the community's own activity, published by its staff.
   */
  organisationId: z.string().min(1).optional(),
  /** The agreement commitment (资源清单 item) this activity delivers; one of an agreement in force there. */
  commitmentId: z.string().min(1).optional(),
});
export type CreateActivity = z.infer<typeof CreateActivitySchema>;

export const ActivityListQuerySchema = z.object({
  communityId: z.string().optional(),
  streetId: z.string().optional(),
  /** Activities a partner unit organises (its admins' list). */
  organisationId: z.string().optional(),
  /** The phone's location: the list is sorted by distance from it. */
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
  /** upcoming: not yet over (default), soonest first; past: over or cancelled, latest first. */
  when: z.enum(['upcoming', 'past']).default('upcoming'),
  ...pageQueryFields,
});
export type ActivityListQuery = z.infer<typeof ActivityListQuerySchema>;

export const ActivitySummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  type: z.enum(ACTIVITY_TYPES),
  status: z.enum(ACTIVITY_STATUSES),
  community: z.object({ id: z.string(), name: z.string() }),
  street: z.object({ id: z.string(), name: z.string() }),
  placeName: z.string(),
  lat: z.number(),
  lng: z.number(),
  radiusM: z.number(),
  startAt: z.string(),
  endAt: z.string(),
  signupDeadline: z.string(),
  capacity: z.number(),
  /** Places taken: sign-ups and walk-ins not cancelled. */
  taken: z.number(),
  walkInsAllowed: z.boolean(),
  /** Who organises it, as the public sees it (the community's or the partner unit's name). */
  organiserName: z.string(),
  /** Metres from the location the list was asked for (null without one). */
  distanceM: z.number().nullable(),
});
export type ActivitySummary = z.infer<typeof ActivitySummarySchema>;
export const ActivityPageSchema = pageOf(ActivitySummarySchema);
export type ActivityPage = z.infer<typeof ActivityPageSchema>;

export const HoursSchema = z.object({
  status: z.enum(HOURS_STATUSES),
  /** Minutes as computed (pending), or as credited (approved / adjusted); 0 when rejected. */
  minutes: z.number(),
  /** 未签退: checked in but never out; counts to the end only when the organiser confirms it. */
  missingCheckout: z.boolean(),
  reason: z.string().nullable(),
  reviewedAt: z.string().nullable(),
});
export type Hours = z.infer<typeof HoursSchema>;

export const MyAttendanceSchema = z.object({
  id: z.string(),
  status: z.enum(ATTENDANCE_STATUSES),
  walkIn: z.boolean(),
  signedUpAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  hours: HoursSchema.nullable(),
});
export type MyAttendance = z.infer<typeof MyAttendanceSchema>;

export const ActivityDetailSchema = ActivitySummarySchema.extend({
  description: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** When check-in and check-out are open (from the rules in CHECKIN_RULES). */
  checkinOpensAt: z.string(),
  checkoutOpensAt: z.string(),
  checkoutClosesAt: z.string(),
  /** The caller's own sign-up (members), or null. */
  myAttendance: MyAttendanceSchema.nullable(),
  /** The caller organises it (community staff of its community, or an admin of the organising unit). */
  isOrganiser: z.boolean(),
  /** The agreement commitment it delivers (counted against it when the activity ends), or null. */
  commitment: z.object({ id: z.string(), category: z.enum(COMMITMENT_CATEGORIES), description: z.string(), unitName: z.string() }).nullable(),
  /** What the caller may do now (drives the buttons). */
  actions: z.array(z.enum(ACTIVITY_OFFERED_ACTIONS)),
});
export type ActivityDetail = z.infer<typeof ActivityDetailSchema>;

/** 我的活动: my sign-ups with each activity. */
export const MyActivityItemSchema = ActivitySummarySchema.extend({ attendance: MyAttendanceSchema });
export type MyActivityItem = z.infer<typeof MyActivityItemSchema>;
export const MyActivityPageSchema = pageOf(MyActivityItemSchema);
export type MyActivityPage = z.infer<typeof MyActivityPageSchema>;

/**
 * Where the caller may publish an activity (发布活动的范围): each community they serve as its staff, or — for an org
 * admin — each community covered by an agreement in force of their unit; with the commitments it may deliver.
 */
export const OrganisablePlaceSchema = z.object({
  communityId: z.string(),
  communityName: z.string(),
  streetName: z.string(),
  /** The unit it is published for (org admins), or null (the community's own activity). */
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  commitments: z.array(z.object({ id: z.string(), category: z.enum(COMMITMENT_CATEGORIES), description: z.string(), quantity: z.number(), unit: z.string(), unitName: z.string() })),
});
export type OrganisablePlace = z.infer<typeof OrganisablePlaceSchema>;
export const OrganisablePlaceListSchema = z.object({ items: z.array(OrganisablePlaceSchema) });
export type OrganisablePlaceList = z.infer<typeof OrganisablePlaceListSchema>;

export const CancelActivitySchema = z.object({ reason: Reason });
export type CancelActivity = z.infer<typeof CancelActivitySchema>;

/** What the organiser's phone shows: the signed token, the QR code carrying it, and when it rotates. */
export const CheckinCodeSchema = z.object({
  token: z.string(),
  /** The content of the QR code: an https link WeChat opens in the mini-program's check-in page (`q`). */
  qrContent: z.string(),
  /** The QR code as a PNG data URL. */
  qrDataUrl: z.string(),
  /** End of the token's 30-second window; it is still accepted one window longer. */
  expiresAt: z.string(),
  windowSeconds: z.number(),
});
export type CheckinCode = z.infer<typeof CheckinCodeSchema>;

/** A check-in or check-out: the scanned token and the phone's fix (Taro.getLocation, type gcj02). */
export const CheckinSchema = z.object({
  token: z.string().trim().min(1, '请扫描组织者手机上的签到码').max(200, '签到码无效'),
  lat: z.number('请开启定位后重试').min(-90).max(90),
  lng: z.number('请开启定位后重试').min(-180).max(180),
  /** Radius of the fix's uncertainty in metres. */
  accuracy: z.number('请开启定位后重试').min(0).max(100000),
});
export type CheckinInput = z.infer<typeof CheckinSchema>;

/** The organiser records a member's attendance by hand (no phone with them), with a reason; audited. */
export const ManualAttendanceSchema = z
  .object({
    /** A member on the attendance list … */
    memberId: z.string().optional(),
    /** … or any member by the phone number on the roster. */
    phone: z.string().trim().regex(PHONE_PATTERN, '请输入正确的 11 位手机号').optional(),
    /** Default: the start and the end. */
    checkedInAt: Instant.optional(),
    checkedOutAt: Instant.optional(),
    reason: Reason,
  })
  .refine((v) => Boolean(v.memberId) !== Boolean(v.phone), { message: '请选择名单中的党员，或填写党员的手机号', path: ['memberId'] });
export type ManualAttendance = z.infer<typeof ManualAttendanceSchema>;

export const HoursReviewSchema = z
  .object({
    decision: z.enum(HOURS_DECISIONS),
    /** For adjust: the minutes to credit. */
    minutes: z
      .number()
      .int()
      .min(1, '时长至少 1 分钟')
      .max(24 * 60, '时长最多 1440 分钟')
      .optional(),
    /** For adjust and reject. */
    reason: Reason.optional(),
  })
  .refine((v) => v.decision !== 'adjust' || v.minutes !== undefined, { message: '调整时长时请填写分钟数', path: ['minutes'] })
  .refine((v) => !['adjust', 'reject'].includes(v.decision) || v.reason !== undefined, { message: '调整或不通过时请写明原因', path: ['reason'] });
export type HoursReview = z.infer<typeof HoursReviewSchema>;

export const AttendanceItemSchema = z.object({
  id: z.string(),
  member: z.object({ id: z.string(), name: z.string() }),
  status: z.enum(ATTENDANCE_STATUSES),
  walkIn: z.boolean(),
  /** Recorded by hand by the organiser: the reason. */
  manualReason: z.string().nullable(),
  signedUpAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  /** Metres from the place, and the fix's accuracy, at check-in. */
  checkinDistanceM: z.number().nullable(),
  checkinAccuracyM: z.number().nullable(),
  hours: HoursSchema.nullable(),
});
export type AttendanceItem = z.infer<typeof AttendanceItemSchema>;

/** The organiser's live attendance list (and, once the activity ended, the hours review). */
export const AttendanceListSchema = z.object({
  activity: ActivityDetailSchema,
  items: z.array(AttendanceItemSchema),
  counts: z.object({ signedUp: z.number(), checkedIn: z.number(), checkedOut: z.number(), cancelled: z.number(), hoursPending: z.number() }),
});
export type AttendanceList = z.infer<typeof AttendanceListSchema>;

export const ApproveAllResultSchema = z.object({ approved: z.number(), list: AttendanceListSchema });
export type ApproveAllResult = z.infer<typeof ApproveAllResultSchema>;
