import type { AppConfig } from '../../config/config';
import { periodOf, type Period } from '../ledger/ledger.service';

const CST_OFFSET_MS = 8 * 3600 * 1000;
export const DAY_MS = 24 * 3600 * 1000;

/** Midnight in Beijing on that calendar day. */
const cstMidnight = (year: number, month0: number, day: number) => new Date(Date.UTC(year, month0, day) - CST_OFFSET_MS);

export interface Deadline {
  /** The deadline day, YYYY-MM-DD (Beijing). */
  day: string;
  /** The start of the deadline day in Beijing (reminders count back from it). */
  dayStart: Date;
  /** The end of the deadline day: a report first submitted at or after this is late. */
  at: Date;
}

/**
 * A half year's deadline: the first configured MM-DD on or after the half year's last day (defaults: 15 July for
 * H1, 15 January of the next year for H2), to the end of that day in Beijing.
 */
export function deadlineOf(periodKey: string, config: AppConfig['reports']): Deadline {
  const year = Number(periodKey.slice(0, 4));
  const h1 = periodKey.endsWith('H1');
  const [month, day] = (h1 ? config.deadlineH1 : config.deadlineH2).split('-').map(Number);
  const lastDay = h1 ? cstMidnight(year, 5, 30) : cstMidnight(year, 11, 31);
  let dayStart = cstMidnight(year, month - 1, day);
  if (dayStart.getTime() < lastDay.getTime()) dayStart = cstMidnight(year + 1, month - 1, day);
  const local = new Date(dayStart.getTime() + CST_OFFSET_MS);
  const iso = `${local.getUTCFullYear()}-${String(local.getUTCMonth() + 1).padStart(2, '0')}-${String(local.getUTCDate()).padStart(2, '0')}`;
  return { day: iso, dayStart, at: new Date(dayStart.getTime() + DAY_MS) };
}

/** The half year containing `now` and the one before it (the two a member may be reporting on). */
export function recentHalfYears(now: Date): [previous: Period, current: Period] {
  const current = periodOf(undefined, now);
  const year = Number(current.key.slice(0, 4));
  const previous = periodOf(current.key.endsWith('H1') ? `${year - 1}H2` : `${year}H1`, now);
  return [previous, current];
}

/** Every half year that overlaps [from, to) (an export's period), oldest first. */
export function halfYearsBetween(from: Date, to: Date, now: Date): Period[] {
  const keyOf = (d: Date) => {
    const local = new Date(d.getTime() + CST_OFFSET_MS);
    return { year: local.getUTCFullYear(), half: local.getUTCMonth() < 6 ? 1 : 2 };
  };
  const first = keyOf(from);
  const last = keyOf(new Date(to.getTime() - 1));
  const periods: Period[] = [];
  for (let { year, half } = first; year < last.year || (year === last.year && half <= last.half); half === 2 ? ((year += 1), (half = 1)) : (half = 2)) {
    periods.push(periodOf(`${year}H${half}`, now));
  }
  return periods;
}

/** Whole days from `now` to the deadline's end (0 or less: past it). */
export function daysLeft(deadline: Deadline, now: Date): number {
  return Math.ceil((deadline.at.getTime() - now.getTime()) / DAY_MS);
}

/** Late: first submitted at or after the deadline's end, or still not submitted once it has passed. */
export function isLate(deadline: Deadline, firstSubmittedAt: Date | null, now: Date): boolean {
  return firstSubmittedAt ? firstSubmittedAt.getTime() >= deadline.at.getTime() : now.getTime() >= deadline.at.getTime();
}

/**
 * Which reminder (days before the deadline day) is due now: the smallest whose time has come, while the deadline
 * has not passed; the larger ones that came due earlier are `stale` (skipped, never sent late).
 */
export function dueReminders(deadline: Deadline, remindDays: readonly number[], now: Date): { send: number | null; stale: number[] } {
  if (now.getTime() >= deadline.at.getTime()) return { send: null, stale: [] };
  const reached = remindDays.filter((d) => now.getTime() >= deadline.dayStart.getTime() - d * DAY_MS).sort((a, b) => a - b);
  if (!reached.length) return { send: null, stale: [] };
  return { send: reached[0], stale: reached.slice(1) };
}
