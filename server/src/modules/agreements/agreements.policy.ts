import { AGREEMENT_OFFERED_ACTIONS, type AgreementOfferedAction, type AgreementStatus } from '@nuancheng/shared';
import { ErrorCode } from '../../common/errors/app.exception';
import { defineWorkflow } from '../../common/workflow/workflow';

/**
 * The caller's relations to one agreement (AgreementContextService works them out):
 * - proposer: org admin of the signing unit (or party committee), or of an organisation above it;
 * - counterparty: for a street agreement, a street official of that street; for a community agreement, that
 *   community's staff; a committee admin above either;
 * - viewer: sees it without signing — a street official over a community agreement, staff of a community in a
 *   street agreement's street, a committee admin above the unit;
 * - system: scheduled work (expiry).
 */
export type AgreementRelation = 'proposer' | 'counterparty' | 'viewer' | 'system';

const NOT_COUNTERPARTY = '只有协议对方街道的干部（社区协议为该社区工作人员）可以处理';
const OTHER_REGION = '该协议不是与您负责的街道或社区签订的';
const NOT_PROPOSER = '只有签约单位的党组织管理员可以处理';
const OTHER_UNIT = '该协议不是您管理的单位签订的';

export const AGREEMENT_WORKFLOW = defineWorkflow<AgreementStatus, AgreementRelation>()({
  noun: '共建协议',
  states: {
    proposed: '该协议正在等待对方会签',
    returned: '该协议已被退回修改',
    withdrawn: '该协议已撤回',
    in_force: '该协议已生效',
    ended_early: '该协议已提前终止',
    expired: '该协议已到期',
  },
  actions: {
    propose: {
      from: [],
      to: 'proposed',
      who: ['proposer'],
      label: '拟定协议',
      notYours: '只有签约单位的党组织管理员可以拟定共建协议',
      outOfScope: '您不是该单位的党组织管理员，不能为其拟定协议',
      offered: false,
    },
    countersign: { from: ['proposed'], to: 'in_force', who: ['counterparty'], label: '会签', notYours: NOT_COUNTERPARTY, outOfScope: OTHER_REGION },
    return: { from: ['proposed'], to: 'returned', who: ['counterparty'], label: '退回', verb: '退回修改', notYours: NOT_COUNTERPARTY, outOfScope: OTHER_REGION },
    repropose: { from: ['returned'], to: 'proposed', who: ['proposer'], label: '重新提交', notYours: NOT_PROPOSER, outOfScope: OTHER_UNIT },
    withdraw: { from: ['proposed', 'returned'], to: 'withdrawn', who: ['proposer'], label: '撤回', notYours: NOT_PROPOSER, outOfScope: OTHER_UNIT },
    end_early: {
      from: ['in_force'],
      to: 'ended_early',
      who: ['proposer', 'counterparty'],
      label: '提前终止',
      notYours: '只有签约双方可以提前终止协议',
      outOfScope: '该协议不是您所在单位或街道、社区签订的',
    },
    expire: { from: ['in_force'], to: 'expired', who: ['system'], label: '到期', notYours: '', offered: false },
  },
  limits: {
    term_over: { code: ErrorCode.WrongState, message: ({ endDate }: { endDate: string }) => `协议期限已于 ${endDate} 结束，请退回由单位修改期限` },
    overlap: {
      code: ErrorCode.Conflict,
      message: ({ region, startDate, endDate }: { region: string; startDate: string; endDate: string }) =>
        `该单位与${region}已有一份期限重叠的共建协议（${startDate} 至 ${endDate}），续签请从原协议到期的次日开始`,
    },
    end_in_past: { status: 400, code: ErrorCode.ValidationFailed, message: () => '协议结束日期不能早于今天' },
    not_a_counterparty: { status: 400, code: ErrorCode.ValidationFailed, message: () => '共建协议只能与街道或社区签订' },
    not_a_unit: { status: 400, code: ErrorCode.ValidationFailed, message: () => '签约方应为机关单位或机关党委（党总支）' },
  },
});

export type AgreementAction = (typeof AGREEMENT_WORKFLOW.actionNames)[number];

/** What the offered actions must equal: the shared union the mini-program maps to buttons (a unit test checks it). */
export const OFFERED: readonly AgreementOfferedAction[] = AGREEMENT_OFFERED_ACTIONS;
