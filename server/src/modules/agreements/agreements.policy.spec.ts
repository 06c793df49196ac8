import { AGREEMENT_OFFERED_ACTIONS, AGREEMENT_STATUSES, type AgreementStatus } from '@nuancheng/shared';
import { relations } from '../../common/workflow/workflow';
import { AGREEMENT_WORKFLOW, type AgreementAction, type AgreementRelation } from './agreements.policy';

const as = (...has: AgreementRelation[]) => relations<AgreementRelation>(has);
const offered = (status: AgreementStatus, ...has: AgreementRelation[]) => AGREEMENT_WORKFLOW.offered(status, as(...has));

describe('the agreement workflow', () => {
  it('should need both signatures: proposed by the unit, in force only once the other side countersigns', () => {
    const path: Array<[AgreementStatus, AgreementAction, AgreementRelation, AgreementStatus]> = [
      ['proposed', 'return', 'counterparty', 'returned'],
      ['returned', 'repropose', 'proposer', 'proposed'],
      ['proposed', 'countersign', 'counterparty', 'in_force'],
      ['in_force', 'end_early', 'proposer', 'ended_early'],
    ];
    for (const [status, action, who, to] of path) expect(AGREEMENT_WORKFLOW.require(action, status, as(who))).toBe(to);
    expect(AGREEMENT_WORKFLOW.require('end_early', 'in_force', as('counterparty'))).toBe('ended_early');
    expect(AGREEMENT_WORKFLOW.require('expire', 'in_force', as('system'))).toBe('expired');
  });

  it('should never let the proposing side countersign its own agreement, nor a viewer', () => {
    expect(AGREEMENT_WORKFLOW.refusal('countersign', 'proposed', as('proposer'))).toMatchObject({ status: 403, message: '只有协议对方街道的干部（社区协议为该社区工作人员）可以处理' });
    expect(AGREEMENT_WORKFLOW.refusal('countersign', 'proposed', as('viewer'))).toMatchObject({ status: 403 });
    expect(AGREEMENT_WORKFLOW.refusal('repropose', 'returned', as('counterparty'))).toMatchObject({ status: 403 });
  });

  it('should tell officials and staff of another street or community that it is not theirs', () => {
    expect(AGREEMENT_WORKFLOW.refusal('countersign', 'proposed', relations<AgreementRelation>([], ['counterparty']))).toMatchObject({ status: 403, message: '该协议不是与您负责的街道或社区签订的' });
    expect(AGREEMENT_WORKFLOW.refusal('withdraw', 'proposed', relations<AgreementRelation>([], ['proposer']))).toMatchObject({ status: 403, message: '该协议不是您管理的单位签订的' });
  });

  it('should word a wrong-state refusal for the state the agreement is in', () => {
    expect(AGREEMENT_WORKFLOW.refusal('countersign', 'in_force', as('counterparty'))).toEqual({ status: 409, code: 'WRONG_STATE', message: '该协议已生效，不能会签' });
    expect(AGREEMENT_WORKFLOW.refusal('return', 'withdrawn', as('counterparty'))!.message).toBe('该协议已撤回，不能退回修改');
    expect(AGREEMENT_WORKFLOW.refusal('end_early', 'proposed', as('proposer'))!.message).toBe('该协议正在等待对方会签，不能提前终止');
    for (const final of ['withdrawn', 'ended_early', 'expired'] as const) {
      for (const action of AGREEMENT_WORKFLOW.actionNames.filter((a) => a !== 'propose')) {
        const refusal = AGREEMENT_WORKFLOW.refusal(action, final, relations<AgreementRelation>(AGREEMENT_WORKFLOW.action(action).who));
        expect(refusal).toMatchObject({ status: 409 });
      }
    }
  });

  it('should have a Chinese wrong-state refusal for every state and every action', () => {
    for (const status of AGREEMENT_STATUSES) {
      for (const action of AGREEMENT_WORKFLOW.actionNames) expect(AGREEMENT_WORKFLOW.wrongState(action, status).message).toMatch(/^[\u4e00-\u9fa5，、（）]+$/);
    }
  });

  it('should offer each side its buttons, in the shared order', () => {
    expect(offered('proposed', 'counterparty')).toEqual(['countersign', 'return']);
    expect(offered('proposed', 'proposer')).toEqual(['withdraw']);
    expect(offered('returned', 'proposer')).toEqual(['repropose', 'withdraw']);
    expect(offered('in_force', 'proposer')).toEqual(['end_early']);
    expect(offered('in_force', 'viewer')).toEqual([]);
    expect(offered('expired', 'proposer', 'counterparty')).toEqual([]);
  });

  it('should offer exactly the actions the mini-program knows, in its order', () => {
    const offerable = AGREEMENT_WORKFLOW.actionNames.filter((a) => AGREEMENT_WORKFLOW.action(a).offered !== false);
    expect(offerable).toEqual([...AGREEMENT_OFFERED_ACTIONS]);
  });

  it('should turn limits into their own refusals', () => {
    expect(AGREEMENT_WORKFLOW.refusal('countersign', 'proposed', as('counterparty'), { key: 'term_over', params: { endDate: '2024-01-01' } })).toEqual({
      status: 409,
      code: 'WRONG_STATE',
      message: '协议期限已于 2024-01-01 结束，请退回由单位修改期限',
    });
    expect(() => AGREEMENT_WORKFLOW.refuse('end_in_past')).toThrow('协议结束日期不能早于今天');
  });
});
