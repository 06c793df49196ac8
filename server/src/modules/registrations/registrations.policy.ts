import { REGISTRATION_OFFERED_ACTIONS, type RegistrationOfferedAction, type RegistrationStatus } from '@nuancheng/shared';
import { ErrorCode } from '../../common/errors/app.exception';
import { defineWorkflow } from '../../common/workflow/workflow';

/**
 * The caller's relations to one registration (RegistrationsService works them out):
 * - registrant: the member it is for;
 * - member: has a member card (may ask to register);
 * - community_staff: 社区工作者 of its community (confirms or rejects it);
 * - system: the kernel ending an active registration when a newer one is confirmed elsewhere.
 */
export type RegistrationRelation = 'registrant' | 'member' | 'community_staff' | 'system';

const NOT_STAFF = '只有该社区的社区工作者可以确认报到';
const OTHER_COMMUNITY = '该报到申请不在您负责的社区';

export const REGISTRATION_WORKFLOW = defineWorkflow<RegistrationStatus, RegistrationRelation>()({
  noun: '报到',
  states: {
    pending: '该报到申请正在等待社区确认',
    confirmed: '该党员已在本社区报到',
    rejected: '该报到申请未通过',
    cancelled: '该报到申请已撤回',
    ended: '该报到已结束',
  },
  actions: {
    request: { from: [], to: 'pending', who: ['member'], label: '申请报到', notYours: '只有在职党员可以向社区报到（请联系所在党支部将您录入党员名单）', offered: false },
    confirm: { from: ['pending'], to: 'confirmed', who: ['community_staff'], label: '确认报到', notYours: NOT_STAFF, outOfScope: OTHER_COMMUNITY },
    reject: { from: ['pending'], to: 'rejected', who: ['community_staff'], label: '不予确认', verb: '驳回', notYours: NOT_STAFF, outOfScope: OTHER_COMMUNITY },
    cancel: { from: ['pending'], to: 'cancelled', who: ['registrant'], label: '撤回申请', notYours: '只有申请人本人可以撤回报到申请' },
    withdraw: { from: ['confirmed'], to: 'ended', who: ['registrant'], label: '撤销报到', notYours: '只有党员本人可以撤销报到' },
    supersede: { from: ['confirmed'], to: 'ended', who: ['system'], label: '转至新社区', notYours: '', offered: false },
  },
  limits: {
    already_pending: {
      code: ErrorCode.RegistrationPending,
      message: ({ community }: { community: string }) => `您已向${community}提交报到申请，正在等待社区确认；如需更换社区，请先撤回该申请`,
    },
    already_registered: {
      code: ErrorCode.AlreadyRegistered,
      message: ({ community }: { community: string }) => `您已在${community}报到，无需重复申请`,
    },
  },
});

export type RegistrationAction = (typeof REGISTRATION_WORKFLOW.actionNames)[number];

/** What the offered actions must equal: the shared union the mini-program maps to buttons (a unit test checks it). */
export const OFFERED: readonly RegistrationOfferedAction[] = REGISTRATION_OFFERED_ACTIONS;
