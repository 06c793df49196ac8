import { REPORT_OFFERED_ACTIONS, type ReportOfferedAction, type ReportStatus } from '@nuancheng/shared';
import { ErrorCode } from '../../common/errors/app.exception';
import { defineWorkflow } from '../../common/workflow/workflow';

/**
 * The caller's relations to a half-year report (ReportsService works them out):
 * - author: the member who writes it;
 * - secretary: 党支部书记 of the report's branch (or of a party organisation above it), never of their own report;
 * - viewer: org admin or committee admin above the branch, who may read it (annual reports, supervision);
 * - system: scheduled work.
 */
export type ReportRelation = 'author' | 'secretary' | 'viewer' | 'system';

const NOT_AUTHOR = '只有报告人本人可以修改和提交报告';
const NOT_SECRETARY = '只有该党员所在党支部的书记可以审核报告（书记不能审核本人的报告）';
const OTHER_BRANCH = '该报告不属于您负责的党支部，不能审核';

/** draft → submitted → approved | returned → (edited) → submitted … */
export const REPORT_WORKFLOW = defineWorkflow<ReportStatus, ReportRelation>()({
  noun: '报告',
  states: {
    draft: '该报告还是草稿，尚未提交',
    submitted: '该报告已提交，正在等待党支部审核',
    approved: '该报告已审核通过',
    returned: '该报告已退回修改',
  },
  actions: {
    create: { from: [], to: 'draft', who: ['author'], label: '创建草稿', notYours: '只有在职党员本人可以撰写半年报告', offered: false },
    save: { from: ['draft', 'returned'], who: ['author'], label: '保存', verb: '修改', notYours: NOT_AUTHOR },
    refresh: { from: ['draft', 'returned'], who: ['author'], label: '更新台账数据', notYours: NOT_AUTHOR },
    submit: { from: ['draft', 'returned'], to: 'submitted', who: ['author'], label: '提交', verb: '再次提交', notYours: NOT_AUTHOR },
    approve: { from: ['submitted'], to: 'approved', who: ['secretary'], label: '审核通过', notYours: NOT_SECRETARY, outOfScope: OTHER_BRANCH },
    return: { from: ['submitted'], to: 'returned', who: ['secretary'], label: '退回', verb: '退回修改', notYours: NOT_SECRETARY, outOfScope: OTHER_BRANCH },
  },
  limits: {
    summary_required: { status: 400, code: ErrorCode.ValidationFailed, message: ({ min }: { min: number }) => `请先填写报告正文（至少 ${min} 个字）再提交` },
    period_not_started: { status: 400, code: ErrorCode.ValidationFailed, message: ({ label }: { label: string }) => `${label}尚未开始，还不能撰写该时段的报告` },
    already_exists: { code: ErrorCode.Conflict, message: ({ label }: { label: string }) => `您已有${label}的报告，请打开它继续填写` },
  },
});

export type ReportAction = (typeof REPORT_WORKFLOW.actionNames)[number];

/** What the offered actions must equal: the shared union the mini-program maps to buttons (a unit test checks it). */
export const OFFERED: readonly ReportOfferedAction[] = REPORT_OFFERED_ACTIONS;

/** The territorial line: who may assess a member for a period (a street official or community staff where they served). */
export type AssessmentRelation = 'territorial';

export const ASSESSMENT_WORKFLOW = defineWorkflow<'open', AssessmentRelation>()({
  noun: '服务评价',
  states: { open: '可以评价' },
  actions: {
    assess: {
      from: ['open'],
      who: ['territorial'],
      label: '服务评价',
      notYours: '只有街道干部或社区工作者可以评价在本辖区服务的党员',
      outOfScope: '该党员本时段没有在您负责的街道或社区服务，不能评价',
    },
  },
  limits: {
    choose_scope: { status: 400, code: ErrorCode.ValidationFailed, message: () => '该党员在您负责的多个街道或社区服务过，请选择以哪个身份评价' },
  },
});
