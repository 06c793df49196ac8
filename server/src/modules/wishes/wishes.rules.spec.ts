import { WISH_STATUSES, type WishStatus } from '@nuancheng/shared';
import { addDays, availableActions, canTransition, overdueReason, refusalFor, WISH_ACTIONS, type WishViewer } from './wishes.rules';

const nobody: WishViewer = { signedIn: true, isResident: false, isStaff: false, isStreetOfficial: false, isClaimant: false, isMember: false, isOrgAdmin: false };

describe('wish rules', () => {
  it('should follow the lifecycle of domain.md', () => {
    const path: Array<[WishStatus, keyof typeof WISH_ACTIONS]> = [
      ['submitted', 'approve'],
      ['published', 'claim'],
      ['claimed', 'fulfil'],
      ['fulfilled', 'confirm'],
    ];
    for (const [status, action] of path) expect(canTransition(status, action)).toBe(true);
    expect(WISH_ACTIONS.confirm.to).toBe('confirmed');
  });

  it('should refuse every action out of a final state', () => {
    for (const final of ['confirmed', 'withdrawn', 'rejected'] as const) {
      for (const action of Object.keys(WISH_ACTIONS) as Array<keyof typeof WISH_ACTIONS>) {
        expect(canTransition(final, action)).toBe(false);
      }
    }
  });

  it('should let a resident withdraw only until the wish is claimed', () => {
    expect(canTransition('published', 'withdraw')).toBe(true);
    expect(canTransition('claimed', 'withdraw')).toBe(false);
    expect(refusalFor('claimed', 'withdraw')).toBe('该心愿已被认领，不能撤回');
  });

  it('should release, revoke and expire a claim back to the wall', () => {
    for (const action of ['release', 'revoke', 'expire'] as const) expect(WISH_ACTIONS[action].to).toBe('published');
  });

  it('should have a Chinese refusal for every state', () => {
    for (const status of WISH_STATUSES) expect(refusalFor(status, 'claim')).toMatch(/不能认领$/);
  });

  it('should offer the right buttons to each viewer', () => {
    expect(availableActions('published', { ...nobody, signedIn: false })).toEqual([]);
    expect(availableActions('published', { ...nobody, isMember: true })).toEqual(['claim']);
    expect(availableActions('published', { ...nobody, isResident: true, isMember: true })).toEqual(['withdraw']);
    expect(availableActions('submitted', { ...nobody, isStaff: true })).toEqual(['review']);
    expect(availableActions('claimed', { ...nobody, isClaimant: true })).toEqual(['fulfil', 'release']);
    expect(availableActions('fulfilled', { ...nobody, isResident: true })).toEqual(['confirm', 'dispute']);
    expect(availableActions('disputed', { ...nobody, isStaff: true })).toEqual(['revoke', 'confirm', 'reopen']);
    expect(availableActions('published', { ...nobody, isStreetOfficial: true, isStaff: true })).toEqual(['dispatch']);
  });

  it('should flag a wish unclaimed too long and a claim past its deadline', () => {
    const now = new Date('2026-11-28T00:00:00Z');
    expect(overdueReason({ status: 'published', publishedAt: addDays(now, -8), claimDeadline: null }, now, { unclaimedDays: 7 })).toBe('unclaimed');
    expect(overdueReason({ status: 'published', publishedAt: addDays(now, -6), claimDeadline: null }, now, { unclaimedDays: 7 })).toBeNull();
    expect(overdueReason({ status: 'claimed', publishedAt: addDays(now, -30), claimDeadline: addDays(now, -1) }, now, { unclaimedDays: 7 })).toBe('claim_deadline_passed');
    expect(overdueReason({ status: 'fulfilled', publishedAt: addDays(now, -30), claimDeadline: addDays(now, -1) }, now, { unclaimedDays: 7 })).toBeNull();
  });
});
