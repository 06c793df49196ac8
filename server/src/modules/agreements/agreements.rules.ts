/**
 * Time rules of agreements. A term is two calendar days in Beijing time, both included (as a signed paper
 * says "2024年5月20日至2026年5月19日"); stored as YYYY-MM-DD, which compares correctly as text.
 */
const CST_OFFSET_MS = 8 * 3600 * 1000;
const DAY_MS = 24 * 3600 * 1000;

/** The calendar day in Beijing at `instant`: 2026-05-19. */
export function cstDate(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The first instant of a Beijing calendar day. */
export function dayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - CST_OFFSET_MS);
}

/** The instant a term ending on `date` is over: midnight after its last day (exclusive). */
export function termEnd(date: string): Date {
  return new Date(dayStart(date).getTime() + DAY_MS);
}

/** `date` plus `days` calendar days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from today (Beijing) until the last day of the term: 0 on the last day, negative once it is over. */
export function daysLeft(endDate: string, now: Date): number {
  return Math.round((Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${cstDate(now)}T00:00:00Z`)) / DAY_MS);
}

/** Whether the term covers the Beijing day of `at`. */
export function termCovers(term: { startDate: string; endDate: string }, at: Date): boolean {
  const day = cstDate(at);
  return term.startDate <= day && day <= term.endDate;
}

/** Whether two terms share at least one day. */
export function termsOverlap(a: { startDate: string; endDate: string }, b: { startDate: string; endDate: string }): boolean {
  return a.startDate <= b.endDate && b.startDate <= a.endDate;
}
