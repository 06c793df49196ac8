import { PLEDGE_OFFERED_ACTIONS, PLEDGE_STATUSES, type PledgeStatus } from '@nuancheng/shared';
import { relations } from '../../common/workflow/workflow';
import { PLEDGE_WORKFLOW, type PledgeAction, type PledgeRelation } from './pledges.policy';

const as = (...has: PledgeRelation[]) => relations<PledgeRelation>(has);
const offered = (status: PledgeStatus, ...has: PledgeRelation[]) => PLEDGE_WORKFLOW.offered(status, as(...has));

describe('the pledge workflow', () => {
  it('should follow 亮诺 → 践诺 → 评诺, with a return and a resubmission on the way', () => {
    const path: Array<[PledgeStatus, PledgeAction, PledgeRelation, PledgeStatus]> = [
      ['submitted', 'return', 'branch_secretary', 'returned'],
      ['returned', 'revise', 'owner', 'submitted'],
      ['submitted', 'approve', 'branch_secretary', 'approved'],
      ['approved', 'progress', 'owner', 'approved'],
      ['approved', 'complete', 'owner', 'done'],
      ['done', 'assess_branch', 'branch_secretary', 'done'],
      ['done', 'assess_community', 'community_staff', 'done'],
      ['done', 'conclude', 'system', 'assessed'],
    ];
    for (const [status, action, who, to] of path) expect(PLEDGE_WORKFLOW.require(action, status, as(who))).toBe(to);
  });

  it('should let nobody act on an assessed pledge, worded for that state', () => {
    for (const action of PLEDGE_WORKFLOW.actionNames.filter((a) => a !== 'submit')) {
      const refusal = PLEDGE_WORKFLOW.refusal(action, 'assessed', relations<PledgeRelation>(PLEDGE_WORKFLOW.action(action).who));
      expect(refusal).toMatchObject({ status: 409 });
      expect(refusal!.message.startsWith('该承诺已完成评诺，不能')).toBe(true);
    }
  });

  it('should say "not yours" to strangers and "not your branch / community" to those who hold the role elsewhere', () => {
    expect(PLEDGE_WORKFLOW.refusal('approve', 'submitted', as('member'))).toMatchObject({ status: 403, message: '只有该党员所在党支部的书记可以审核承诺' });
    expect(PLEDGE_WORKFLOW.refusal('approve', 'submitted', relations<PledgeRelation>([], ['branch_secretary']))).toMatchObject({ status: 403, message: '该党员不在您的党支部，不能处理其承诺' });
    expect(PLEDGE_WORKFLOW.refusal('assess_community', 'done', relations<PledgeRelation>([], ['community_staff']))).toMatchObject({ status: 403, message: '该党员不住在您负责的社区，不能评诺' });
    // The owner cannot approve or assess their own pledge; a secretary cannot mark someone's pledge done.
    expect(PLEDGE_WORKFLOW.refusal('approve', 'submitted', as('owner', 'member'))).toMatchObject({ status: 403 });
    expect(PLEDGE_WORKFLOW.refusal('assess_branch', 'done', as('owner'))).toMatchObject({ status: 403 });
    expect(PLEDGE_WORKFLOW.refusal('complete', 'approved', as('branch_secretary'))).toMatchObject({ status: 403, message: '只有作出承诺的党员本人可以操作' });
    expect(PLEDGE_WORKFLOW.refusal('progress', 'approved', as('committee'))).toMatchObject({ status: 403 });
  });

  it('should word a wrong-state refusal for the real state', () => {
    expect(PLEDGE_WORKFLOW.refusal('approve', 'approved', as('branch_secretary'))).toEqual({ status: 409, code: 'WRONG_STATE', message: '该承诺已亮诺，正在践诺，不能审核通过' });
    expect(PLEDGE_WORKFLOW.refusal('complete', 'submitted', as('owner'))!.message).toBe('该承诺正在等待党支部审核，不能提交践诺');
    expect(PLEDGE_WORKFLOW.refusal('assess_branch', 'approved', as('branch_secretary'))!.message).toBe('该承诺已亮诺，正在践诺，不能评诺');
    expect(PLEDGE_WORKFLOW.refusal('revise', 'approved', as('owner'))!.message).toBe('该承诺已亮诺，正在践诺，不能修改');
  });

  it('should have a Chinese wrong-state refusal for every state and every action', () => {
    for (const status of PLEDGE_STATUSES) {
      for (const action of PLEDGE_WORKFLOW.actionNames) expect(PLEDGE_WORKFLOW.wrongState(action, status).message).toMatch(/^[\u4e00-\u9fa5，、（）]+$/);
    }
  });

  it('should offer the buttons each relation may press', () => {
    expect(offered('submitted', 'owner', 'member')).toEqual(['revise']);
    expect(offered('returned', 'owner', 'member')).toEqual(['revise']);
    expect(offered('submitted', 'branch_secretary')).toEqual(['approve', 'return']);
    expect(offered('approved', 'owner', 'member')).toEqual(['progress', 'complete']);
    expect(offered('done', 'branch_secretary', 'community_staff')).toEqual(['assess_branch', 'assess_community']);
    expect(offered('done', 'community_staff')).toEqual(['assess_community']);
    expect(offered('done', 'committee')).toEqual([]);
    expect(offered('assessed', 'owner', 'branch_secretary', 'community_staff')).toEqual([]);
  });

  it('should offer exactly the shared offered actions (buttons and checks cannot disagree)', () => {
    const declared = PLEDGE_WORKFLOW.actionNames.filter((a) => PLEDGE_WORKFLOW.action(a).offered !== false);
    expect(declared).toEqual([...PLEDGE_OFFERED_ACTIONS]);
  });
});
