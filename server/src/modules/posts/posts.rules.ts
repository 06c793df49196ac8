/**
 * Calendar rules of posts and shifts, on Beijing dates (YYYY-MM-DD strings, as the mini-program's date picker
 * gives them): a holding's term, a shift's date window, and the instant a shift counts at in the ledger.
 */
const CST_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 86400_000;

/** Today's date in Beijing. */
export function cstDate(now: Date): string {
  return new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether a YYYY-MM-DD string is a real calendar date (not 2026-02-30). */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/** Days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The last day of a term of `months` starting on `start`: 2026-05-01 + 12 months → 2027-04-30 (month ends clamp). */
export function termEnd(start: string, months: number): string {
  const [y, m, d] = start.split('-').map(Number);
  const monthIndex = m - 1 + months;
  const year = y + Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const sameDay = new Date(Date.UTC(year, month, Math.min(d, lastDay)));
  return new Date(sameDay.getTime() - DAY_MS).toISOString().slice(0, 10);
}

/** The instant a shift on `date` counts at (noon in Beijing), so it falls in that day's half year. */
export function shiftOccurredAt(date: string): Date {
  return new Date(`${date}T12:00:00+08:00`);
}
