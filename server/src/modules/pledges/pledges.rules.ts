import { PLEDGE_OPEN_STATUSES, maskName, type PledgeNameDisplay, type PledgeStatus } from '@nuancheng/shared';

/** China Standard Time: a pledge's year and due date are Beijing calendar dates. */
const CST_OFFSET_MS = 8 * 3600 * 1000;

/** Today's date in Beijing as `YYYY-MM-DD`. */
export function cstToday(now: Date): string {
  return new Date(now.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

export function cstYear(now: Date): number {
  return Number(cstToday(now).slice(0, 4));
}

/** The instants a Beijing calendar year starts and ends (exclusive). */
export function cstYearBounds(year: number): { from: Date; to: Date } {
  return { from: new Date(Date.UTC(year, 0, 1) - CST_OFFSET_MS), to: new Date(Date.UTC(year + 1, 0, 1) - CST_OFFSET_MS) };
}

/** Past its due date (Beijing) and not done yet. */
export function isOverdue(pledge: { status: PledgeStatus; dueDate: string }, today: string): boolean {
  return (PLEDGE_OPEN_STATUSES as readonly PledgeStatus[]).includes(pledge.status) && pledge.dueDate < today;
}

export function publicNameOf(name: string, display: PledgeNameDisplay): string {
  return display === 'full' ? name.trim() : maskName(name);
}

/**
 * Why a due date is refused (null: fine). A new pledge is for this year or the next and not due in the past; a
 * revised one stays in its year (one pledge a year), and may keep a date already past when it is not moved.
 */
export function dueDateProblem(dueDate: string, today: string, options: { year?: number; previous?: string } = {}): string | null {
  const year = Number(dueDate.slice(0, 4));
  if (options.year !== undefined && year !== options.year) return `截止日期须在 ${options.year} 年内（每年一项承诺）`;
  const thisYear = Number(today.slice(0, 4));
  if (year !== thisYear && year !== thisYear + 1) return `只能作 ${thisYear} 年或 ${thisYear + 1} 年的承诺`;
  if (dueDate < today && dueDate !== options.previous) return '截止日期不能早于今天';
  return null;
}
