import { ErrorCode } from '../../common/errors/app.exception';
import { relations } from '../../common/workflow/workflow';
import { ASSESSMENT_WORKFLOW, OFFERED, REPORT_WORKFLOW, type ReportRelation } from './reports.policy';

const as = (...r: ReportRelation[]) => relations<ReportRelation>(r);

describe('report workflow (the policy table)', () => {
  it('should offer exactly the shared union of actions, in declaration order', () => {
    const offered = REPORT_WORKFLOW.actionNames.filter((a) => REPORT_WORKFLOW.action(a).offered !== false);
    expect(offered).toEqual([...OFFERED]);
  });

  it('should let the author edit, refresh and submit a draft or a returned report, and nothing else', () => {
    expect(REPORT_WORKFLOW.offered('draft', as('author'))).toEqual(['save', 'refresh', 'submit']);
    expect(REPORT_WORKFLOW.offered('returned', as('author'))).toEqual(['save', 'refresh', 'submit']);
    expect(REPORT_WORKFLOW.offered('submitted', as('author'))).toEqual([]);
    expect(REPORT_WORKFLOW.offered('approved', as('author'))).toEqual([]);
    expect(REPORT_WORKFLOW.require('submit', 'returned', as('author'))).toBe('submitted');
  });

  it('should let the branch secretary approve or return a submitted report only', () => {
    expect(REPORT_WORKFLOW.offered('submitted', as('secretary'))).toEqual(['approve', 'return']);
    expect(REPORT_WORKFLOW.offered('draft', as('secretary'))).toEqual([]);
    expect(REPORT_WORKFLOW.require('approve', 'submitted', as('secretary'))).toBe('approved');
    expect(REPORT_WORKFLOW.require('return', 'submitted', as('secretary'))).toBe('returned');
  });

  it('should refuse a resubmission of an approved report with a 409 worded for its state', () => {
    expect(REPORT_WORKFLOW.refusal('submit', 'approved', as('author'))).toEqual({ status: 409, code: ErrorCode.WrongState, message: '该报告已审核通过，不能再次提交' });
    expect(REPORT_WORKFLOW.refusal('submit', 'submitted', as('author'))?.message).toBe('该报告已提交，正在等待党支部审核，不能再次提交');
  });

  it('should tell a secretary of another branch it is not theirs (403), before any state', () => {
    const elsewhere = relations<ReportRelation>([], ['secretary']);
    expect(REPORT_WORKFLOW.refusal('approve', 'draft', elsewhere)).toMatchObject({ status: 403, message: '该报告不属于您负责的党支部，不能审核' });
    expect(REPORT_WORKFLOW.refusal('return', 'submitted', as('viewer'))).toMatchObject({ status: 403 });
    expect(REPORT_WORKFLOW.refusal('save', 'draft', as('secretary'))).toMatchObject({ status: 403, message: '只有报告人本人可以修改和提交报告' });
  });

  it('should refuse an assessment outside the assessor’s area as out of scope', () => {
    expect(ASSESSMENT_WORKFLOW.refusal('assess', 'open', relations([], ['territorial']))).toMatchObject({ status: 403, message: '该党员本时段没有在您负责的街道或社区服务，不能评价' });
    expect(ASSESSMENT_WORKFLOW.refusal('assess', 'open', relations(['territorial']))).toBeNull();
  });
});
