import { periodOf } from './ledger.period';

describe('ledger periods', () => {
  it('should start half years at midnight in Beijing', () => {
    const h1 = periodOf('2026H1', new Date());
    expect(h1.from.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(h1.to.toISOString()).toBe('2026-06-30T16:00:00.000Z');
    expect(h1.label).toBe('2026年上半年');
    expect(periodOf('2026H2', new Date()).to.toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(periodOf('2026', new Date()).label).toBe('2026年');
  });

  it('should pick the current half year in Beijing time', () => {
    // 30 June 17:00 UTC is already 1 July in Beijing.
    expect(periodOf(undefined, new Date('2026-06-30T17:00:00Z')).key).toBe('2026H2');
    expect(periodOf(undefined, new Date('2026-06-30T15:00:00Z')).key).toBe('2026H1');
  });

  it('should refuse a malformed period in Chinese', () => {
    expect(() => periodOf('2026Q3', new Date())).toThrow('时段格式');
  });
});
