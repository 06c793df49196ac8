import { PRIVATE_NOTE_WISH_ACTIONS, WISH_OFFERED_ACTIONS, WISH_STATUSES, type WishStatus } from '@nuancheng/shared';
import { relations } from '../../common/workflow/workflow';
import { DISPATCH_WORKFLOW, WISH_WORKFLOW, type WishAction, type WishRelation } from './wishes.policy';

const as = (...has: WishRelation[]) => relations<WishRelation>(has);
const offered = (status: WishStatus, ...has: WishRelation[]) => WISH_WORKFLOW.offered(status, as(...has));

describe('the wish workflow', () => {
  it('should name only its own actions as the ones with private notes', () => {
    for (const action of PRIVATE_NOTE_WISH_ACTIONS) expect(WISH_WORKFLOW.actionNames).toContain(action);
  });

  it('should follow the lifecycle of domain.md', () => {
    const path: Array<[WishStatus, WishAction, WishRelation, WishStatus]> = [
      ['submitted', 'approve', 'staff', 'published'],
      ['published', 'claim', 'member', 'claimed'],
      ['claimed', 'fulfil', 'claimant', 'fulfilled'],
      ['fulfilled', 'confirm', 'resident', 'confirmed'],
    ];
    expect(WISH_WORKFLOW.require('resubmit', 'rejected', as('resident'))).toBe('submitted');
    for (const [status, action, who, to] of path) expect(WISH_WORKFLOW.require(action, status, as(who))).toBe(to);
  });

  it('should refuse every action out of a final state, worded for that state', () => {
    // A rejected wish is final but for its resident's resubmission (a new review).
    for (const final of ['confirmed', 'withdrawn', 'rejected'] as const) {
      for (const action of WISH_WORKFLOW.actionNames.filter((a) => a !== 'view_contact' && !(final === 'rejected' && a === 'resubmit'))) {
        const who = WISH_WORKFLOW.action(action).who;
        const refusal = WISH_WORKFLOW.refusal(action, final, relations<WishRelation>(who));
        expect(refusal).toMatchObject({ status: 409 });
        expect(refusal!.message.startsWith(WISH_WORKFLOW.spec.states[final])).toBe(true);
      }
    }
  });

  it('should word a refusal for the state the wish is really in (approving a published wish)', () => {
    expect(WISH_WORKFLOW.refusal('approve', 'published', as('staff'))).toEqual({ status: 409, code: 'WRONG_STATE', message: '该心愿已发布，正在等待认领，不能审核通过' });
    expect(WISH_WORKFLOW.refusal('withdraw', 'claimed', as('resident'))!.message).toBe('该心愿已被认领，不能撤回');
    expect(WISH_WORKFLOW.refusal('approve', 'rejected', as('staff'))!.message).toBe('该心愿未通过审核，不能审核通过');
    expect(WISH_WORKFLOW.refusal('claim', 'claimed', as('member'))).toMatchObject({ code: 'ALREADY_CLAIMED', message: '该心愿已被认领，不能认领' });
    expect(WISH_WORKFLOW.refusal('dispute', 'published', as('resident'))!.message).toBe('该心愿已发布，正在等待认领，不能反映没有收到');
  });

  it('should say "not yours" before anything about the state, and "not your area" to staff of another community', () => {
    expect(WISH_WORKFLOW.refusal('fulfil', 'published', as('member'))).toMatchObject({ status: 403, message: '只有认领人可以提交圆梦凭证' });
    expect(WISH_WORKFLOW.refusal('approve', 'submitted', relations<WishRelation>([], ['staff']))).toMatchObject({ status: 403, message: '该心愿不在您负责的社区' });
    expect(WISH_WORKFLOW.refusal('approve', 'submitted', as('member'))).toMatchObject({ status: 403, message: '只有本社区工作人员可以审核心愿' });
  });

  it('should have a Chinese wrong-state refusal for every state and every action', () => {
    for (const status of WISH_STATUSES) {
      for (const action of WISH_WORKFLOW.actionNames) expect(WISH_WORKFLOW.wrongState(action, status).message).toMatch(/^[\u4e00-\u9fa5，、（）]+$/);
    }
  });

  it('should offer the buttons each relation may press, in the shared order', () => {
    expect(offered('published')).toEqual([]);
    expect(offered('published', 'member')).toEqual(['claim']);
    expect(offered('published', 'resident')).toEqual(['withdraw']);
    expect(offered('rejected', 'resident')).toEqual(['resubmit']);
    expect(offered('rejected', 'staff')).toEqual([]);
    expect(offered('submitted', 'staff')).toEqual(['approve', 'reject']);
    expect(offered('claimed', 'claimant')).toEqual(['fulfil', 'release']);
    expect(offered('fulfilled', 'resident')).toEqual(['confirm', 'dispute']);
    expect(offered('disputed', 'staff')).toEqual(['confirm_on_behalf', 'reopen', 'revoke']);
    // The committee may dispatch, and is offered the button (the service and the buttons agree).
    expect(offered('published', 'committee')).toContain('dispatch');
    expect(offered('published', 'street_official', 'staff')).toEqual(['dispatch', 'view_contact']);
    expect(WISH_WORKFLOW.offered('published', as('street_official'), new Set(['dispatch']))).toEqual(['view_contact']);
  });

  it('should offer exactly the actions the mini-program knows, in its order', () => {
    const offerable = WISH_WORKFLOW.actionNames.filter((a) => WISH_WORKFLOW.action(a).offered !== false);
    expect(offerable).toEqual([...WISH_OFFERED_ACTIONS]);
  });

  it('should turn limits into their own refusals', () => {
    expect(WISH_WORKFLOW.refusal('claim', 'published', as('member'), { key: 'claim_cap', params: { open: 3, cap: 3 } })).toEqual({
      status: 409,
      code: 'CLAIM_LIMIT_REACHED',
      message: '您已有 3 个未完成的认领（上限 3 个），请先完成后再认领',
    });
    expect(() => WISH_WORKFLOW.require('dispatch', 'published', as('street_official'), { key: 'dispatch_pending' })).toThrow('该心愿已派单，正在等待单位答复');
  });

  it('should let only the dispatched unit answer a dispatch, and only once', () => {
    const unit = relations<'dispatched_unit_admin' | 'system'>(['dispatched_unit_admin']);
    expect(DISPATCH_WORKFLOW.require('accept', 'pending', unit)).toBe('accepted');
    expect(DISPATCH_WORKFLOW.require('accept', 'escalated', unit)).toBe('accepted');
    expect(DISPATCH_WORKFLOW.refusal('decline', 'accepted', unit)!.message).toBe('这张派单已经承接，不能婉拒');
    expect(DISPATCH_WORKFLOW.refusal('accept', 'pending', relations([]))!.status).toBe(403);
  });
});
