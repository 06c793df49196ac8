import { addDays, overdueReason } from './wishes.rules';

describe('wish time rules', () => {
  it('should flag a wish unclaimed too long and a claim past its deadline', () => {
    const now = new Date('2026-11-28T00:00:00Z');
    expect(overdueReason({ status: 'published', publishedAt: addDays(now, -8), claimDeadline: null }, now, { unclaimedDays: 7 })).toBe('unclaimed');
    expect(overdueReason({ status: 'published', publishedAt: addDays(now, -6), claimDeadline: null }, now, { unclaimedDays: 7 })).toBeNull();
    expect(overdueReason({ status: 'claimed', publishedAt: addDays(now, -30), claimDeadline: addDays(now, -1) }, now, { unclaimedDays: 7 })).toBe('claim_deadline_passed');
    expect(overdueReason({ status: 'fulfilled', publishedAt: addDays(now, -30), claimDeadline: addDays(now, -1) }, now, { unclaimedDays: 7 })).toBeNull();
  });
});
