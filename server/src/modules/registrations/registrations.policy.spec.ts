import { REGISTRATION_OFFERED_ACTIONS, REGISTRATION_STATUSES, type RegistrationStatus } from '@nuancheng/shared';
import { relations } from '../../common/workflow/workflow';
import { REGISTRATION_WORKFLOW, type RegistrationAction, type RegistrationRelation } from './registrations.policy';

const as = (...has: RegistrationRelation[]) => relations<RegistrationRelation>(has);

describe('the registration workflow', () => {
  it('should follow pending → confirmed | rejected, a pending request cancelled, confirmed → ended', () => {
    const steps: Array<[RegistrationStatus, RegistrationAction, RegistrationRelation, RegistrationStatus]> = [
      ['pending', 'confirm', 'community_staff', 'confirmed'],
      ['pending', 'reject', 'community_staff', 'rejected'],
      ['pending', 'cancel', 'registrant', 'cancelled'],
      ['confirmed', 'withdraw', 'registrant', 'ended'],
      ['confirmed', 'supersede', 'system', 'ended'],
    ];
    for (const [from, action, who, to] of steps) expect(REGISTRATION_WORKFLOW.require(action, from, as(who))).toBe(to);
  });

  it('should let only the community’s staff decide, and tell staff of another community it is not their area', () => {
    expect(REGISTRATION_WORKFLOW.refusal('confirm', 'pending', as('registrant'))).toMatchObject({ status: 403, message: '只有该社区的社区工作者可以确认报到' });
    expect(REGISTRATION_WORKFLOW.refusal('confirm', 'pending', relations<RegistrationRelation>([], ['community_staff']))).toMatchObject({ status: 403, message: '该报到申请不在您负责的社区' });
    expect(REGISTRATION_WORKFLOW.refusal('cancel', 'pending', as('community_staff'))).toMatchObject({ status: 403 });
  });

  it('should word a wrong-state refusal for the state the registration is in', () => {
    expect(REGISTRATION_WORKFLOW.refusal('confirm', 'confirmed', as('community_staff'))).toEqual({ status: 409, code: 'WRONG_STATE', message: '该党员已在本社区报到，不能确认报到' });
    expect(REGISTRATION_WORKFLOW.refusal('reject', 'cancelled', as('community_staff'))!.message).toBe('该报到申请已撤回，不能驳回');
    expect(REGISTRATION_WORKFLOW.refusal('withdraw', 'pending', as('registrant'))!.message).toBe('该报到申请正在等待社区确认，不能撤销报到');
    for (const status of REGISTRATION_STATUSES) {
      for (const action of REGISTRATION_WORKFLOW.actionNames) expect(REGISTRATION_WORKFLOW.wrongState(action, status).message).toMatch(/^[\u4e00-\u9fa5，]+$/);
    }
  });

  it('should refuse everything out of a final state', () => {
    for (const final of ['rejected', 'cancelled', 'ended'] as const) {
      for (const action of REGISTRATION_WORKFLOW.actionNames.filter((a) => a !== 'request')) {
        expect(REGISTRATION_WORKFLOW.refusal(action, final, relations<RegistrationRelation>(REGISTRATION_WORKFLOW.action(action).who))).toMatchObject({ status: 409 });
      }
    }
  });

  it('should offer exactly the shared actions, and each to the right relation', () => {
    const offerable = REGISTRATION_WORKFLOW.actionNames.filter((a) => REGISTRATION_WORKFLOW.action(a).offered !== false);
    expect([...offerable].sort()).toEqual([...REGISTRATION_OFFERED_ACTIONS].sort());
    expect(REGISTRATION_WORKFLOW.offered('pending', as('community_staff'))).toEqual(['confirm', 'reject']);
    expect(REGISTRATION_WORKFLOW.offered('pending', as('registrant'))).toEqual(['cancel']);
    expect(REGISTRATION_WORKFLOW.offered('confirmed', as('registrant'))).toEqual(['withdraw']);
    expect(REGISTRATION_WORKFLOW.offered('confirmed', as('community_staff'))).toEqual([]);
  });

  it('should give the limits their own codes', () => {
    expect(REGISTRATION_WORKFLOW.limitRefusal('already_pending', { community: '康都社区' })).toMatchObject({ status: 409, code: 'REGISTRATION_PENDING' });
    expect(REGISTRATION_WORKFLOW.limitRefusal('already_registered', { community: '康都社区' })).toEqual({ status: 409, code: 'ALREADY_REGISTERED', message: '您已在康都社区报到，无需重复申请' });
  });
});
