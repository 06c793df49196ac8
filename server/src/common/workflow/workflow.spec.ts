import { HttpStatus } from '@nestjs/common';
import { AppException, ErrorCode } from '../errors/app.exception';
import { defineWorkflow, relations } from './workflow';

type State = 'draft' | 'submitted' | 'approved';
type Rel = 'author' | 'reviewer';

const REPORT = defineWorkflow<State, Rel>()({
  noun: '报告',
  states: { draft: '报告还是草稿', submitted: '报告已提交，等待审核', approved: '报告已通过' },
  actions: {
    submit: { from: ['draft'], to: 'submitted', who: ['author'], label: '提交', notYours: '只有本人可以提交' },
    approve: { from: ['submitted'], to: 'approved', who: ['reviewer'], label: '通过', notYours: '只有书记可以审核', outOfScope: '该报告不属于您的党支部' },
    comment: { from: ['submitted'], who: ['reviewer'], label: '批注', notYours: '只有书记可以批注', offered: false },
  },
  limits: { too_long: { status: 400, code: ErrorCode.ValidationFailed, message: ({ max }: { max: number }) => `最多 ${max} 字` } },
});

describe('workflow kernel', () => {
  it('should move by the table and keep the state for timeline-only actions', () => {
    expect(REPORT.require('submit', 'draft', relations(['author']))).toBe('submitted');
    expect(REPORT.require('comment', 'submitted', relations(['reviewer']))).toBe('submitted');
  });

  it('should refuse with 403 for the wrong person (scope-aware) and 409 for the wrong state', () => {
    expect(REPORT.refusal('approve', 'submitted', relations(['author']))).toEqual({ status: HttpStatus.FORBIDDEN, code: 'FORBIDDEN', message: '只有书记可以审核' });
    expect(REPORT.refusal('approve', 'submitted', relations([], ['reviewer']))!.message).toBe('该报告不属于您的党支部');
    expect(REPORT.refusal('approve', 'approved', relations(['reviewer']))).toEqual({ status: HttpStatus.CONFLICT, code: 'WRONG_STATE', message: '报告已通过，不能通过' });
    expect(REPORT.refusal('approve', 'submitted', relations(['reviewer']))).toBeNull();
  });

  it('should throw its refusals as AppExceptions with the code and message', () => {
    try {
      REPORT.require('submit', 'approved', relations(['author']));
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(AppException);
      expect((error as AppException).getStatus()).toBe(409);
      expect((error as AppException).getResponse()).toMatchObject({ code: 'WRONG_STATE', message: '报告已通过，不能提交' });
    }
    expect(() => REPORT.refuse('too_long', { max: 2000 })).toThrow('最多 2000 字');
  });

  it('should offer only what the caller may do now, never hidden or blocked actions', () => {
    expect(REPORT.offered('submitted', relations(['reviewer']))).toEqual(['approve']);
    expect(REPORT.offered('submitted', relations(['reviewer']), new Set(['approve']))).toEqual([]);
    expect(REPORT.offered('draft', relations(['reviewer']))).toEqual([]);
    expect(REPORT.offered('draft', relations(['author', false, null]))).toEqual(['submit']);
  });

  it('should give timeline labels, falling back to the action name', () => {
    expect(REPORT.label('approve')).toBe('通过');
    expect(REPORT.label('legacy_action')).toBe('legacy_action');
  });

  it('should refuse to declare an action nobody may take', () => {
    expect(() => defineWorkflow<State, Rel>()({ noun: 'x', states: { draft: '', submitted: '', approved: '' }, actions: { lost: { from: ['draft'], who: [], label: 'x', notYours: '' } } })).toThrow(
      'names nobody',
    );
  });
});
