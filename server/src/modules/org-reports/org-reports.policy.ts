import { ORG_REPORT_OFFERED_ACTIONS, type OrgReportOfferedAction, type OrgReportStatus } from '@nuancheng/shared';
import { ErrorCode } from '../../common/errors/app.exception';
import { defineWorkflow } from '../../common/workflow/workflow';

/**
 * The caller's relations to a unit's annual report (OrgReportsService works them out):
 * - author: org admin of the unit (or of an organisation above it);
 * - reviewer: committee admin whose organisation scope covers the unit (the work committee it reports to);
 * - viewer: either of them, reading it;
 * - system: scheduled work.
 */
export type OrgReportRelation = 'author' | 'reviewer' | 'viewer' | 'system';

const NOT_AUTHOR = '只有本单位的机关党组织管理员可以修改和提交年度报告';
const OTHER_UNIT = '该报告不属于您管理的单位';
const NOT_REVIEWER = '只有上级工委管理员可以审核机关党组织年度报告';
const OTHER_COMMITTEE = '该单位不在您负责的工委范围内，不能审核';

/** draft → submitted → approved | returned → (edited) → submitted … */
export const ORG_REPORT_WORKFLOW = defineWorkflow<OrgReportStatus, OrgReportRelation>()({
  noun: '年度报告',
  states: {
    draft: '该年度报告还是草稿，尚未提交',
    submitted: '该年度报告已提交，正在等待工委审核',
    approved: '该年度报告已审核通过',
    returned: '该年度报告已退回修改',
  },
  actions: {
    create: { from: [], to: 'draft', who: ['author'], label: '创建草稿', notYours: '只有机关党组织管理员可以撰写本单位的年度报告', outOfScope: OTHER_UNIT, offered: false },
    save: { from: ['draft', 'returned'], who: ['author'], label: '保存', verb: '修改', notYours: NOT_AUTHOR, outOfScope: OTHER_UNIT },
    refresh: { from: ['draft', 'returned'], who: ['author'], label: '更新数据', notYours: NOT_AUTHOR, outOfScope: OTHER_UNIT },
    submit: { from: ['draft', 'returned'], to: 'submitted', who: ['author'], label: '提交', verb: '再次提交', notYours: NOT_AUTHOR, outOfScope: OTHER_UNIT },
    approve: { from: ['submitted'], to: 'approved', who: ['reviewer'], label: '审核通过', notYours: NOT_REVIEWER, outOfScope: OTHER_COMMITTEE },
    return: { from: ['submitted'], to: 'returned', who: ['reviewer'], label: '退回', verb: '退回修改', notYours: NOT_REVIEWER, outOfScope: OTHER_COMMITTEE },
  },
  limits: {
    summary_required: { status: 400, code: ErrorCode.ValidationFailed, message: ({ min }: { min: number }) => `请先填写报告正文（至少 ${min} 个字）再提交` },
    year_not_started: { status: 400, code: ErrorCode.ValidationFailed, message: ({ year }: { year: number }) => `${year} 年尚未开始，还不能撰写该年度的报告` },
    already_exists: { code: ErrorCode.OrgReportExists, message: ({ unit, year }: { unit: string; year: number }) => `${unit}已有 ${year} 年度报告，请打开它继续填写` },
    choose_unit: { status: 400, code: ErrorCode.ValidationFailed, message: () => '您管理多个单位，请选择为哪个单位撰写年度报告' },
  },
});

export type OrgReportAction = (typeof ORG_REPORT_WORKFLOW.actionNames)[number];

/** What the offered actions must equal: the shared union the mini-program maps to buttons (a unit test checks it). */
export const OFFERED: readonly OrgReportOfferedAction[] = ORG_REPORT_OFFERED_ACTIONS;

/** The territorial line on agreements: the street official of the agreement's street. */
export type AgreementAssessmentRelation = 'street';

export const AGREEMENT_ASSESSMENT_WORKFLOW = defineWorkflow<'open' | 'inactive', AgreementAssessmentRelation>()({
  noun: '协议评价',
  states: { open: '可以评价', inactive: '该协议在这一年度没有生效' },
  actions: {
    assess: {
      from: ['open'],
      who: ['street'],
      label: '协议评价',
      notYours: '只有与该单位结对共建的街道干部可以评价共建协议',
      outOfScope: '该协议不是与您负责的街道签订的，不能评价',
    },
  },
  limits: {
    year_not_started: { status: 400, code: ErrorCode.ValidationFailed, message: ({ year }: { year: number }) => `${year} 年尚未开始，还不能评价` },
  },
});
