import { ErrorCode } from '../../common/errors/app.exception';
import { defineWorkflow } from '../../common/workflow/workflow';

/**
 * Who may correct a ledger entry: the branch secretary of the member it credits (of the branch it counted for),
 * an org admin of the credited unit or above; for activity hours, the activity's organiser (when activities land).
 */
export type LedgerRelation = 'branch_secretary' | 'unit_admin' | 'organiser';

export const LEDGER_WORKFLOW = defineWorkflow<'credited' | 'corrected', LedgerRelation>()({
  noun: '台账记录',
  states: { credited: '该记录有效', corrected: '该记录已经更正过' },
  actions: {
    correct: {
      from: ['credited'],
      to: 'corrected',
      who: ['branch_secretary', 'unit_admin', 'organiser'],
      label: '更正',
      notYours: '只有该党员所在党支部的书记（或活动组织者、单位管理员）可以更正台账',
      outOfScope: '该记录不属于您管理的党支部或单位',
    },
  },
  limits: {
    not_a_credit: { status: 400, code: ErrorCode.ValidationFailed, message: () => '更正记录本身不能再更正' },
  },
});
