import { daysLeft, deadlineOf, dueReminders, isLate, recentHalfYears } from './reports.deadlines';

const defaults = { deadlineH1: '07-15', deadlineH2: '01-15', remindDays: [7, 1] };

describe('report deadlines', () => {
  it('should fall on 15 July for H1 and 15 January of the next year for H2, to the end of the day in Beijing', () => {
    expect(deadlineOf('2026H1', defaults)).toEqual({ day: '2026-07-15', dayStart: new Date('2026-07-14T16:00:00Z'), at: new Date('2026-07-15T16:00:00Z') });
    expect(deadlineOf('2026H2', defaults).day).toBe('2027-01-15');
    expect(deadlineOf('2026H2', { ...defaults, deadlineH2: '12-31' }).day).toBe('2026-12-31');
    expect(deadlineOf('2026H1', { ...defaults, deadlineH1: '06-30' }).day).toBe('2026-06-30');
  });

  it('should judge lateness by the first submission, or by now when not submitted', () => {
    const d = deadlineOf('2026H1', defaults);
    expect(isLate(d, new Date('2026-07-15T15:59:59Z'), new Date('2026-12-01T00:00:00Z'))).toBe(false);
    expect(isLate(d, new Date('2026-07-15T16:00:00Z'), new Date('2026-12-01T00:00:00Z'))).toBe(true);
    expect(isLate(d, null, new Date('2026-07-10T00:00:00Z'))).toBe(false);
    expect(isLate(d, null, new Date('2026-07-16T00:00:00Z'))).toBe(true);
    expect(daysLeft(d, new Date('2026-07-08T16:00:00Z'))).toBe(7);
  });

  it('should send the 7-day reminder from 8 July, the 1-day one from 14 July, and skip the 7-day one when both are due', () => {
    const d = deadlineOf('2026H1', defaults);
    expect(dueReminders(d, [7, 1], new Date('2026-07-07T15:59:00Z'))).toEqual({ send: null, stale: [] });
    expect(dueReminders(d, [7, 1], new Date('2026-07-07T16:00:00Z'))).toEqual({ send: 7, stale: [] });
    expect(dueReminders(d, [7, 1], new Date('2026-07-13T16:00:00Z'))).toEqual({ send: 1, stale: [7] });
    expect(dueReminders(d, [7, 1], new Date('2026-07-15T16:00:00Z'))).toEqual({ send: null, stale: [] });
  });

  it('should name the half year before and the one containing now', () => {
    expect(recentHalfYears(new Date('2026-12-01T00:00:00Z')).map((p) => p.key)).toEqual(['2026H1', '2026H2']);
    expect(recentHalfYears(new Date('2026-03-01T00:00:00Z')).map((p) => p.key)).toEqual(['2025H2', '2026H1']);
  });
});
