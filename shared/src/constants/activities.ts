/** 志愿服务活动: published → cancelled (those signed up are told) or ended (then its hours are reviewed). */
export const ACTIVITY_STATUSES = ['published', 'cancelled', 'ended'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, string> = { published: '报名中', cancelled: '已取消', ended: '已结束' };

/** One member at one activity: signed up (or a walk-in) → checked in → checked out; a sign-up may be cancelled until the deadline. */
export const ATTENDANCE_STATUSES = ['signed_up', 'cancelled', 'checked_in', 'checked_out'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];
export const ATTENDANCE_STATUS_LABELS: Record<AttendanceStatus, string> = { signed_up: '已报名', cancelled: '已取消报名', checked_in: '已签到', checked_out: '已签退' };

/** Service hours of one attendance, from the activity's end: pending → approved | adjusted | rejected (with a reason). */
export const HOURS_STATUSES = ['pending', 'approved', 'adjusted', 'rejected'] as const;
export type HoursStatus = (typeof HOURS_STATUSES)[number];
export const HOURS_STATUS_LABELS: Record<HoursStatus, string> = { pending: '待审核', approved: '已通过', adjusted: '已调整', rejected: '未通过' };

/** How an organiser decides on one attendee's hours (`confirm`: a missing check-out counts to the end). */
export const HOURS_DECISIONS = ['approve', 'confirm', 'adjust', 'reject'] as const;
export type HoursDecision = (typeof HOURS_DECISIONS)[number];

/** The rules of check-in and check-out (the server enforces them; the pages explain them). */
export const CHECKIN_RULES = {
  /** Each check-in code is bound to a 30-second window; the current and the previous window are accepted. */
  windowSeconds: 30,
  /** Check-in opens this long before the start and closes at the end. */
  opensBeforeStartMinutes: 30,
  /** Check-out opens this long before the end and closes this long after it. */
  checkoutOpensBeforeEndMinutes: 30,
  checkoutClosesAfterEndMinutes: 120,
  /** A fix less precise than this (metres) is asked to retry. */
  maxAccuracyM: 200,
  /** Unreviewed hours are approved automatically this many days after the end. */
  autoApproveDays: 3,
} as const;

/** Limits of the activity form (characters as users count them). */
export const ACTIVITY_LIMITS = {
  titleMin: 2,
  titleMax: 40,
  descriptionMax: 1000,
  placeMin: 2,
  placeMax: 100,
  capacityMin: 1,
  capacityMax: 2000,
  radiusMinM: 50,
  radiusMaxM: 3000,
  /** An activity lasts at most this long. */
  maxHours: 24,
  reasonMin: 2,
  reasonMax: 200,
} as const;

/**
 * What a client may be offered on an activity (ActivityDetail.actions), in the order of the buttons' importance.
 * The server's activity workflow declares each (server/src/modules/activities/activities.policy.ts; a unit test
 * keeps them equal).
 */
export const ACTIVITY_OFFERED_ACTIONS = ['signup', 'cancel_signup', 'checkin', 'checkout', 'show_code', 'record_attendance', 'review_hours', 'end', 'cancel'] as const;
export type ActivityOfferedAction = (typeof ACTIVITY_OFFERED_ACTIONS)[number];

/** Great-circle distance in metres between two points (GCJ-02 in, as WeChat's location gives them). */
export function haversineMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}
