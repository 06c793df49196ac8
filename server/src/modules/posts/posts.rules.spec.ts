import { cstDate, daysBetween, isCalendarDate, shiftOccurredAt, termEnd } from './posts.rules';

describe('post and shift calendar rules', () => {
  it('should take today in Beijing, not in UTC', () => {
    expect(cstDate(new Date('2026-06-30T15:59:59Z'))).toBe('2026-06-30');
    expect(cstDate(new Date('2026-06-30T16:00:00Z'))).toBe('2026-07-01');
  });

  it('should accept only real calendar dates', () => {
    expect(isCalendarDate('2026-02-28')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-5-1')).toBe(false);
  });

  it('should end a one-year term the day before its anniversary', () => {
    expect(termEnd('2026-05-01', 12)).toBe('2027-04-30');
    expect(termEnd('2026-01-01', 12)).toBe('2026-12-31');
    expect(termEnd('2028-02-29', 12)).toBe('2029-02-27');
    expect(termEnd('2026-08-31', 6)).toBe('2027-02-27');
  });

  it('should count days between dates', () => {
    expect(daysBetween('2026-05-01', '2026-05-31')).toBe(30);
    expect(daysBetween('2026-05-31', '2026-05-01')).toBe(-30);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
  });

  it('should count a shift at noon in Beijing, inside its own half year', () => {
    expect(shiftOccurredAt('2026-06-30').toISOString()).toBe('2026-06-30T04:00:00.000Z');
    expect(shiftOccurredAt('2026-07-01').toISOString()).toBe('2026-07-01T04:00:00.000Z');
  });
});
