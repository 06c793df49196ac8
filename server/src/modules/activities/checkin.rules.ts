import { CHECKIN_RULES, haversineMetres } from '@nuancheng/shared';

const MINUTE = 60_000;

export interface Place {
  lat: number;
  lng: number;
  radiusM: number;
}

export interface Fix {
  lat: number;
  lng: number;
  accuracy: number;
}

export type LocationVerdict = { ok: true; distanceM: number } | { ok: false; reason: 'out_of_range' | 'poor_accuracy'; distanceM: number };

/**
 * Whether a fix puts the phone at the place: refused when its accuracy circle lies wholly outside the radius
 * (distance − accuracy > radius); asked to retry when the fix is too vague to tell (accuracy > 200 m); else accepted.
 */
export function locationVerdict(place: Place, fix: Fix): LocationVerdict {
  const distanceM = Math.round(haversineMetres(place, fix));
  if (distanceM - fix.accuracy > place.radiusM) return { ok: false, reason: 'out_of_range', distanceM };
  if (fix.accuracy > CHECKIN_RULES.maxAccuracyM) return { ok: false, reason: 'poor_accuracy', distanceM };
  return { ok: true, distanceM };
}

export interface TimeWindow {
  opensAt: Date;
  closesAt: Date;
}

export function checkinWindow(activity: { startAt: Date; endAt: Date }): TimeWindow {
  return { opensAt: new Date(activity.startAt.getTime() - CHECKIN_RULES.opensBeforeStartMinutes * MINUTE), closesAt: activity.endAt };
}

export function checkoutWindow(activity: { endAt: Date }): TimeWindow {
  return {
    opensAt: new Date(activity.endAt.getTime() - CHECKIN_RULES.checkoutOpensBeforeEndMinutes * MINUTE),
    closesAt: new Date(activity.endAt.getTime() + CHECKIN_RULES.checkoutClosesAfterEndMinutes * MINUTE),
  };
}

export function timeVerdict(window: TimeWindow, now: Date): 'early' | 'late' | 'open' {
  if (now.getTime() < window.opensAt.getTime()) return 'early';
  if (now.getTime() > window.closesAt.getTime()) return 'late';
  return 'open';
}

/**
 * Service minutes: the overlap of [check-in, check-out] with [start, end], in whole minutes. A missing check-out
 * counts to the end (the caller marks it 未签退: it counts only if the organiser confirms it).
 */
export function serviceMinutes(activity: { startAt: Date; endAt: Date }, checkedInAt: Date, checkedOutAt: Date | null): number {
  const from = Math.max(activity.startAt.getTime(), checkedInAt.getTime());
  const to = Math.min(activity.endAt.getTime(), (checkedOutAt ?? activity.endAt).getTime());
  return Math.max(0, Math.floor((to - from) / MINUTE));
}

/** 2026-12-01 09:30 in Beijing time, for messages. */
export function beijingTime(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}
