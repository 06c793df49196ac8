import { ErrorCode } from '../../common/errors/app.exception';
import { relations } from '../../common/workflow/workflow';
import { AGREEMENT_ASSESSMENT_WORKFLOW, OFFERED, ORG_REPORT_WORKFLOW, type OrgReportRelation } from './org-reports.policy';

const as = (...r: OrgReportRelation[]) => relations<OrgReportRelation>(r);

describe('organisation report workflow (the policy table)', () => {
  it('should offer exactly the shared union of actions, in declaration order', () => {
    const offered = ORG_REPORT_WORKFLOW.actionNames.filter((a) => ORG_REPORT_WORKFLOW.action(a).offered !== false);
    expect(offered).toEqual([...OFFERED]);
  });

  it('should let the unit edit and submit a draft or a returned report, and the committee decide a submitted one', () => {
    expect(ORG_REPORT_WORKFLOW.offered('draft', as('author', 'viewer'))).toEqual(['save', 'refresh', 'submit']);
    expect(ORG_REPORT_WORKFLOW.offered('returned', as('author'))).toEqual(['save', 'refresh', 'submit']);
    expect(ORG_REPORT_WORKFLOW.offered('submitted', as('author'))).toEqual([]);
    expect(ORG_REPORT_WORKFLOW.offered('submitted', as('reviewer'))).toEqual(['approve', 'return']);
    expect(ORG_REPORT_WORKFLOW.offered('approved', as('reviewer', 'author'))).toEqual([]);
  });

  it('should refuse a resubmission of an approved report as a wrong state, and a stranger as not theirs', () => {
    expect(ORG_REPORT_WORKFLOW.refusal('submit', 'approved', as('author'))).toEqual({ status: 409, code: ErrorCode.WrongState, message: '该年度报告已审核通过，不能再次提交' });
    expect(ORG_REPORT_WORKFLOW.refusal('approve', 'submitted', relations<OrgReportRelation>([], ['reviewer']))).toMatchObject({ status: 403, message: '该单位不在您负责的工委范围内，不能审核' });
    expect(AGREEMENT_ASSESSMENT_WORKFLOW.refusal('assess', 'open', relations([], ['street']))).toMatchObject({ status: 403, message: '该协议不是与您负责的街道签订的，不能评价' });
  });
});
