import { PLEDGE_OFFERED_ACTIONS, type PledgeOfferedAction, type PledgeStatus } from '@nuancheng/shared';
import { ErrorCode } from '../../common/errors/app.exception';
import { defineWorkflow } from '../../common/workflow/workflow';

/**
 * The caller's relations to one pledge (PledgeContextService works them out):
 * - owner: the member who made it;
 * - member: has a member card (may make their own pledge);
 * - branch_secretary: 党支部书记 over the pledge's branch (approves, returns, assesses for the branch);
 * - community_staff: 社区工作者 of the member's residence community (assesses for the community);
 * - committee: 工委管理员 above the community or the branch (reads);
 * - system: the workflow's own steps (both assessments in → 已评诺).
 */
export type PledgeRelation = 'owner' | 'member' | 'branch_secretary' | 'community_staff' | 'committee' | 'system';

const NOT_SECRETARY = '只有该党员所在党支部的书记可以审核承诺';
const OTHER_BRANCH = '该党员不在您的党支部，不能处理其承诺';
const NOT_OWNER = '只有作出承诺的党员本人可以操作';

export const PLEDGE_WORKFLOW = defineWorkflow<PledgeStatus, PledgeRelation>()({
  noun: '承诺',
  states: {
    submitted: '该承诺正在等待党支部审核',
    returned: '该承诺已退回修改',
    approved: '该承诺已亮诺，正在践诺',
    done: '该承诺已践诺，正在评诺',
    assessed: '该承诺已完成评诺',
  },
  actions: {
    submit: { from: [], to: 'submitted', who: ['member'], label: '承诺', notYours: '只有在职党员可以作出承诺', offered: false },
    revise: { from: ['submitted', 'returned'], to: 'submitted', who: ['owner'], label: '修改后提交', verb: '修改', notYours: NOT_OWNER },
    approve: { from: ['submitted'], to: 'approved', who: ['branch_secretary'], label: '亮诺', verb: '审核通过', notYours: NOT_SECRETARY, outOfScope: OTHER_BRANCH },
    return: { from: ['submitted'], to: 'returned', who: ['branch_secretary'], label: '退回修改', verb: '退回', notYours: NOT_SECRETARY, outOfScope: OTHER_BRANCH },
    progress: { from: ['approved'], who: ['owner'], label: '进展', verb: '更新进展', notYours: NOT_OWNER },
    complete: { from: ['approved'], to: 'done', who: ['owner'], label: '践诺', verb: '提交践诺', notYours: NOT_OWNER },
    assess_branch: {
      from: ['done'],
      who: ['branch_secretary'],
      label: '党支部评诺',
      verb: '评诺',
      notYours: '只有该党员所在党支部的书记或居住社区的工作人员可以评诺',
      outOfScope: OTHER_BRANCH,
    },
    assess_community: {
      from: ['done'],
      who: ['community_staff'],
      label: '社区评诺',
      verb: '评诺',
      notYours: '只有该党员所在党支部的书记或居住社区的工作人员可以评诺',
      outOfScope: '该党员不住在您负责的社区，不能评诺',
    },
    /** Taken with the second assessment (its timeline entry reads done → assessed). */
    conclude: { from: ['done'], to: 'assessed', who: ['system'], label: '评诺完成', notYours: '', offered: false },
  },
  limits: {
    one_a_year: { code: ErrorCode.PledgeExists, message: ({ year }: { year: number }) => `您已作出 ${year} 年的承诺，每名党员每年一项承诺` },
    no_residence: { status: 400, code: ErrorCode.ValidationFailed, message: () => '请先向居住地社区报到（登记居住社区）后再作承诺：承诺将在您的居住社区公示' },
    due_date: { status: 400, code: ErrorCode.ValidationFailed, message: ({ problem }: { problem: string }) => problem },
    already_assessed: { code: ErrorCode.WrongState, message: ({ by }: { by: string }) => `这项承诺的${by}评诺已经完成，每项承诺由党支部和社区各评一次` },
    own_pledge: { status: 403, code: ErrorCode.Forbidden, message: () => '不能审核或评议自己的承诺，请由上级党组织或居住社区的其他工作人员办理' },
    assessor_unclear: { status: 400, code: ErrorCode.ValidationFailed, message: () => '您既是党支部书记又是社区工作人员，请选择以哪个身份评诺' },
  },
});

export type PledgeAction = (typeof PLEDGE_WORKFLOW.actionNames)[number];

/** What the offered actions must equal: the shared union the mini-program maps to buttons (a unit test checks it). */
export const OFFERED: readonly PledgeOfferedAction[] = PLEDGE_OFFERED_ACTIONS;
