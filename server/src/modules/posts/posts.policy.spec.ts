import { POST_HOLDING_OFFERED_ACTIONS, SERVICE_POST_OFFERED_ACTIONS, SHIFT_OFFERED_ACTIONS } from '@nuancheng/shared';
import { relations, type Workflow } from '../../common/workflow/workflow';
import { POST_HOLDING_WORKFLOW, SERVICE_POST_WORKFLOW, SHIFT_WORKFLOW, type PostHoldingRelation, type ServicePostRelation, type ShiftRelation } from './posts.policy';

const offerable = (w: Workflow<string, string, string, string>) => w.actionNames.filter((a) => w.action(a).offered !== false).sort();

describe('the service post workflows', () => {
  it('should offer exactly the shared unions', () => {
    expect(offerable(SERVICE_POST_WORKFLOW as never)).toEqual([...SERVICE_POST_OFFERED_ACTIONS].sort());
    expect(offerable(POST_HOLDING_WORKFLOW as never)).toEqual([...POST_HOLDING_OFFERED_ACTIONS].sort());
    expect(offerable(SHIFT_WORKFLOW as never)).toEqual([...SHIFT_OFFERED_ACTIONS].sort());
  });

  it('should let a registered member take an open post, and say a full post is full (POST_FULL)', () => {
    const member = relations<ServicePostRelation>(['registered_member']);
    expect(SERVICE_POST_WORKFLOW.refusal('take', 'open', member)).toBeNull();
    expect(SERVICE_POST_WORKFLOW.refusal('take', 'full', member)).toEqual({ status: 409, code: 'POST_FULL', message: '该岗位名额已满，不能认岗' });
    expect(SERVICE_POST_WORKFLOW.refusal('take_for_member', 'full', relations<ServicePostRelation>(['unit_admin']))).toMatchObject({ code: 'POST_FULL' });
  });

  it('should ask a member not registered there to register first, and an admin of another unit that it is not theirs', () => {
    expect(SERVICE_POST_WORKFLOW.refusal('take', 'open', relations<ServicePostRelation>([]))).toMatchObject({ status: 403, message: expect.stringContaining('请先到该社区报到') });
    expect(SERVICE_POST_WORKFLOW.refusal('take_for_member', 'open', relations<ServicePostRelation>([], ['unit_admin']))).toMatchObject({ status: 403, message: '该党员不在您管理的单位' });
    expect(SERVICE_POST_WORKFLOW.refusal('edit', 'open', relations<ServicePostRelation>([], ['community_staff']))).toMatchObject({ status: 403, message: '该岗位不在您负责的社区' });
  });

  it('should offer staff the edit of a full post, and nobody a take of it', () => {
    expect(SERVICE_POST_WORKFLOW.offered('full', relations<ServicePostRelation>(['community_staff', 'registered_member', 'unit_admin']))).toEqual(['edit']);
    expect(SERVICE_POST_WORKFLOW.offered('open', relations<ServicePostRelation>(['registered_member']), new Set(['take']))).toEqual([]);
  });

  it('should let the holder log shifts and release, the unit admin release only, nobody act on an ended holding', () => {
    const holder = relations<PostHoldingRelation>(['holder']);
    const admin = relations<PostHoldingRelation>(['unit_admin']);
    expect(POST_HOLDING_WORKFLOW.offered('active', holder)).toEqual(['log_shift', 'release']);
    expect(POST_HOLDING_WORKFLOW.offered('active', admin)).toEqual(['release']);
    expect(POST_HOLDING_WORKFLOW.refusal('log_shift', 'active', admin)).toMatchObject({ status: 403 });
    expect(POST_HOLDING_WORKFLOW.refusal('log_shift', 'released', holder)).toEqual({ status: 409, code: 'WRONG_STATE', message: '该认岗已离岗，不能登记值守' });
    expect(POST_HOLDING_WORKFLOW.require('expire', 'active', relations<PostHoldingRelation>(['system']))).toBe('expired');
  });

  it('should let only the community’s staff decide a shift, once', () => {
    const staff = relations<ShiftRelation>(['community_staff']);
    expect(SHIFT_WORKFLOW.require('confirm', 'pending', staff)).toBe('confirmed');
    expect(SHIFT_WORKFLOW.require('reject', 'pending', staff)).toBe('rejected');
    expect(SHIFT_WORKFLOW.refusal('confirm', 'confirmed', staff)).toEqual({ status: 409, code: 'WRONG_STATE', message: '该值守记录已确认，不能确认' });
    expect(SHIFT_WORKFLOW.refusal('confirm', 'pending', relations<ShiftRelation>(['holder']))).toMatchObject({ status: 403, message: '只有该社区的社区工作者可以确认值守记录' });
    expect(SHIFT_WORKFLOW.refusal('confirm', 'pending', relations<ShiftRelation>([], ['community_staff']))).toMatchObject({ status: 403, message: '该值守记录不在您负责的社区' });
    expect(SHIFT_WORKFLOW.offered('pending', relations<ShiftRelation>(['holder']))).toEqual([]);
  });
});
