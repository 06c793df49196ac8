import { ACTIVITY_OFFERED_ACTIONS, ACTIVITY_STATUSES, ATTENDANCE_STATUSES, HOURS_STATUSES } from '@nuancheng/shared';
import { relations } from '../../common/workflow/workflow';
import { ACTIVITY_WORKFLOW, ATTENDANCE_WORKFLOW, HOURS_WORKFLOW, type ActivityRelation, type AttendanceRelation, type HoursRelation } from './activities.policy';

const as = (...has: ActivityRelation[]) => relations<ActivityRelation>(has);

describe('the activity workflows', () => {
  it('should offer exactly the shared actions (buttons and service checks agree)', () => {
    const offered = ACTIVITY_WORKFLOW.actionNames.filter((a) => ACTIVITY_WORKFLOW.action(a).offered !== false);
    expect(offered).toEqual([...ACTIVITY_OFFERED_ACTIONS]);
  });

  it('should give each relation its buttons: members sign up, attendees cancel, organisers run the day', () => {
    expect(ACTIVITY_WORKFLOW.offered('published', as('member'))).toEqual(['signup', 'checkin', 'checkout']);
    expect(ACTIVITY_WORKFLOW.offered('published', as('member', 'attendee'))).toEqual(['signup', 'cancel_signup', 'checkin', 'checkout']);
    expect(ACTIVITY_WORKFLOW.offered('published', as('organiser'))).toEqual(['show_code', 'record_attendance', 'end', 'cancel']);
    expect(ACTIVITY_WORKFLOW.offered('ended', as('organiser'))).toEqual(['review_hours']);
    expect(ACTIVITY_WORKFLOW.offered('cancelled', as('organiser', 'member', 'attendee'))).toEqual([]);
    expect(ACTIVITY_WORKFLOW.offered('published', as())).toEqual([]);
  });

  it('should tell staff of another community it is not their area, and others it is not theirs', () => {
    expect(ACTIVITY_WORKFLOW.refusal('show_code', 'published', relations<ActivityRelation>([], ['organiser']))).toMatchObject({ status: 403, message: '该活动不在您负责的社区' });
    expect(ACTIVITY_WORKFLOW.refusal('show_code', 'published', as('member'))).toMatchObject({ status: 403, message: '只有活动组织者（本社区工作人员）可以操作' });
    expect(ACTIVITY_WORKFLOW.refusal('signup', 'published', as())).toMatchObject({ status: 403, message: '只有在职党员可以报名参加志愿服务活动' });
  });

  it('should word wrong-state refusals for the real state, with the step’s own code', () => {
    expect(ACTIVITY_WORKFLOW.refusal('checkin', 'cancelled', as('member'))).toEqual({ status: 409, code: 'CHECKIN_CLOSED', message: '该活动已取消，不能签到' });
    expect(ACTIVITY_WORKFLOW.refusal('signup', 'ended', as('member'))).toEqual({ status: 409, code: 'SIGNUP_CLOSED', message: '该活动已结束，不能报名' });
    expect(ATTENDANCE_WORKFLOW.refusal('checkin', 'checked_in', relations<AttendanceRelation>(['self']))).toMatchObject({ code: 'ALREADY_CHECKED_IN', message: '您已签到，不能签到' });
    expect(ATTENDANCE_WORKFLOW.refusal('cancel', 'checked_in', relations<AttendanceRelation>(['self']))!.message).toBe('您已签到，不能取消报名');
    expect(HOURS_WORKFLOW.refusal('approve', 'approved', relations<HoursRelation>(['organiser']))!.message).toBe('该时长已审核通过，不能审核通过');
  });

  it('should keep organisers’ and the job’s hours decisions apart', () => {
    const organiser = relations<HoursRelation>(['organiser']);
    const system = relations<HoursRelation>(['system']);
    for (const action of ['approve', 'confirm', 'adjust', 'reject'] as const) {
      expect(HOURS_WORKFLOW.refusal(action, 'pending', organiser)).toBeNull();
      expect(HOURS_WORKFLOW.refusal(action, 'pending', system)).toMatchObject({ status: 403 });
    }
    expect(HOURS_WORKFLOW.require('auto_approve', 'pending', system)).toBe('approved');
    expect(HOURS_WORKFLOW.require('adjust', 'pending', organiser)).toBe('adjusted');
    expect(HOURS_WORKFLOW.refusal('auto_approve', 'pending', organiser)).toMatchObject({ status: 403 });
  });

  it('should have a Chinese wrong-state refusal for every state and action', () => {
    const chinese = /^[\u4e00-\u9fa5，、（）]+$/;
    for (const s of ACTIVITY_STATUSES) for (const a of ACTIVITY_WORKFLOW.actionNames) expect(ACTIVITY_WORKFLOW.wrongState(a, s).message).toMatch(chinese);
    for (const s of ATTENDANCE_STATUSES) for (const a of ATTENDANCE_WORKFLOW.actionNames) expect(ATTENDANCE_WORKFLOW.wrongState(a, s).message).toMatch(chinese);
    for (const s of HOURS_STATUSES) for (const a of HOURS_WORKFLOW.actionNames) expect(HOURS_WORKFLOW.wrongState(a, s).message).toMatch(chinese);
  });
});
