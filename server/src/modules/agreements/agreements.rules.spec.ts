import { addDays, cstDate, dayStart, daysLeft, termCovers, termEnd, termsOverlap } from './agreements.rules';

describe('agreement terms (Beijing calendar days)', () => {
  it('should read the day in Beijing, not in UTC', () => {
    expect(cstDate(new Date('2026-05-19T15:59:59Z'))).toBe('2026-05-19');
    expect(cstDate(new Date('2026-05-19T16:00:00Z'))).toBe('2026-05-20');
  });

  it('should start a day at Beijing midnight and end a term after its last day', () => {
    expect(dayStart('2024-05-20').toISOString()).toBe('2024-05-19T16:00:00.000Z');
    expect(termEnd('2026-05-19').toISOString()).toBe('2026-05-19T16:00:00.000Z');
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
  });

  it('should count the days left, 0 on the last day and negative after it', () => {
    const term = { startDate: '2024-05-20', endDate: '2026-05-19' };
    expect(daysLeft(term.endDate, new Date('2026-04-19T04:00:00Z'))).toBe(30);
    expect(daysLeft(term.endDate, new Date('2026-05-19T15:00:00Z'))).toBe(0);
    expect(daysLeft(term.endDate, new Date('2026-05-19T17:00:00Z'))).toBe(-1);
    expect(termCovers(term, new Date('2026-05-19T15:00:00Z'))).toBe(true);
    expect(termCovers(term, new Date('2026-05-19T17:00:00Z'))).toBe(false);
    expect(termCovers(term, new Date('2024-05-19T15:00:00Z'))).toBe(false);
  });

  it('should see overlap when two terms share a day, and none for a renewal that starts the day after', () => {
    const old = { startDate: '2024-05-20', endDate: '2026-05-19' };
    expect(termsOverlap(old, { startDate: '2026-05-19', endDate: '2028-05-18' })).toBe(true);
    expect(termsOverlap(old, { startDate: '2026-05-20', endDate: '2028-05-19' })).toBe(false);
  });
});
