import { ACTIVITY_OFFERED_ACTIONS, type ActivityOfferedAction, type ActivityStatus, type AttendanceStatus, type HoursStatus } from '@nuancheng/shared';
import { ErrorCode } from '../../common/errors/app.exception';
import { defineWorkflow } from '../../common/workflow/workflow';

/**
 * The caller's relations to an activity (ActivityContextService works them out):
 * - organiser: community staff of its community (later also: an org admin of the unit that organises it, where the
 *   unit has an agreement with the street — one more way to hold this relation, see docs/architecture.md);
 * - member: has a member card (may sign up, or walk in);
 * - attendee: that member holds a live attendance (signed up, checked in or out);
 * - system: scheduled work.
 */
export type ActivityRelation = 'organiser' | 'member' | 'attendee' | 'system';

const NOT_ORGANISER = '只有活动组织者（本社区工作人员）可以操作';
const OTHER_COMMUNITY = '该活动不在您负责的社区';

export const ACTIVITY_WORKFLOW = defineWorkflow<ActivityStatus, ActivityRelation>()({
  noun: '活动',
  states: {
    published: '该活动正在进行报名',
    cancelled: '该活动已取消',
    ended: '该活动已结束',
  },
  actions: {
    publish: { from: [], to: 'published', who: ['organiser'], label: '发布', notYours: '只有本社区工作人员可以发布活动', outOfScope: '只能在您负责的社区发布活动', offered: false },
    signup: {
      from: ['published'],
      who: ['member'],
      label: '报名',
      notYours: '只有在职党员可以报名参加志愿服务活动',
      conflictCode: ErrorCode.SignupClosed,
    },
    cancel_signup: { from: ['published'], who: ['attendee'], label: '取消报名', notYours: '您没有报名这个活动' },
    checkin: { from: ['published'], who: ['member'], label: '签到', notYours: '只有在职党员可以签到', conflictCode: ErrorCode.CheckinClosed },
    checkout: { from: ['published'], who: ['member'], label: '签退', notYours: '只有在职党员可以签退', conflictCode: ErrorCode.CheckoutClosed },
    show_code: { from: ['published'], who: ['organiser'], label: '出示签到码', notYours: NOT_ORGANISER, outOfScope: OTHER_COMMUNITY },
    record_attendance: { from: ['published'], who: ['organiser'], label: '补录签到', notYours: NOT_ORGANISER, outOfScope: OTHER_COMMUNITY },
    review_hours: { from: ['ended'], who: ['organiser'], label: '审核时长', notYours: NOT_ORGANISER, outOfScope: OTHER_COMMUNITY },
    end: { from: ['published'], to: 'ended', who: ['organiser', 'system'], label: '结束活动', notYours: NOT_ORGANISER, outOfScope: OTHER_COMMUNITY },
    cancel: { from: ['published'], to: 'cancelled', who: ['organiser'], label: '取消活动', notYours: NOT_ORGANISER, outOfScope: OTHER_COMMUNITY },
  },
  limits: {
    signup_closed: { code: ErrorCode.SignupClosed, message: ({ deadline }: { deadline: string }) => `报名已于 ${deadline} 截止` },
    full: { code: ErrorCode.ActivityFull, message: ({ capacity }: { capacity: number }) => `该活动名额已满（${capacity} 人）` },
    already_signed_up: { code: ErrorCode.AlreadySignedUp, message: () => '您已经报名了这个活动' },
    cancel_closed: { code: ErrorCode.SignupClosed, message: ({ deadline }: { deadline: string }) => `报名已于 ${deadline} 截止，不能再取消报名；如不能参加请联系组织者` },
    not_over: { code: ErrorCode.ActivityNotOver, message: ({ from }: { from: string }) => `${from} 开始签退，签退开始后才能结束活动并审核时长` },
    over: { code: ErrorCode.WrongState, message: () => '活动已经结束，不能取消；请结束活动后审核时长' },
    bad_time: { status: 400, code: ErrorCode.ValidationFailed, message: ({ message }: { message: string }) => message },
  },
});

export type ActivityAction = (typeof ACTIVITY_WORKFLOW.actionNames)[number];

/** What the offered actions must equal: the shared union the mini-program maps to buttons (a unit test checks it). */
export const OFFERED: readonly ActivityOfferedAction[] = ACTIVITY_OFFERED_ACTIONS;

/** Relations to one attendance: the member it is (self), the activity's organiser, scheduled work. */
export type AttendanceRelation = 'self' | 'organiser' | 'system';

export const ATTENDANCE_WORKFLOW = defineWorkflow<AttendanceStatus, AttendanceRelation>()({
  noun: '报名',
  states: {
    signed_up: '您已报名，尚未签到',
    cancelled: '您已取消报名',
    checked_in: '您已签到',
    checked_out: '您已签退',
  },
  actions: {
    signup: { from: ['cancelled'], to: 'signed_up', who: ['self'], label: '报名', notYours: '只能为自己报名', conflictCode: ErrorCode.AlreadySignedUp },
    cancel: { from: ['signed_up'], to: 'cancelled', who: ['self'], label: '取消报名', notYours: '只能取消自己的报名' },
    checkin: { from: ['signed_up'], to: 'checked_in', who: ['self'], label: '签到', notYours: '只能为自己签到', conflictCode: ErrorCode.AlreadyCheckedIn },
    walk_in: { from: ['cancelled'], to: 'checked_in', who: ['self'], label: '现场签到', notYours: '只能为自己签到', conflictCode: ErrorCode.AlreadyCheckedIn },
    checkout: { from: ['checked_in'], to: 'checked_out', who: ['self'], label: '签退', notYours: '只能为自己签退', conflictCode: ErrorCode.AlreadyCheckedOut },
    record_in: { from: ['signed_up', 'cancelled'], to: 'checked_in', who: ['organiser'], label: '补录签到', notYours: NOT_ORGANISER, conflictCode: ErrorCode.AlreadyCheckedIn },
    record_out: { from: ['checked_in'], to: 'checked_out', who: ['organiser'], label: '补录签退', notYours: NOT_ORGANISER, conflictCode: ErrorCode.AlreadyCheckedOut },
  },
});

export type AttendanceAction = (typeof ATTENDANCE_WORKFLOW.actionNames)[number];

/** Relations to one attendee's hours: the activity's organiser reviews them, the job approves what was left. */
export type HoursRelation = 'organiser' | 'system';

export const HOURS_WORKFLOW = defineWorkflow<HoursStatus, HoursRelation>()({
  noun: '服务时长',
  states: {
    pending: '该时长正在等待审核',
    approved: '该时长已审核通过',
    adjusted: '该时长已调整并通过',
    rejected: '该时长未通过审核',
  },
  actions: {
    open: { from: [], to: 'pending', who: ['system'], label: '待审核', notYours: '', offered: false },
    approve: { from: ['pending'], to: 'approved', who: ['organiser'], label: '审核通过', notYours: NOT_ORGANISER, outOfScope: OTHER_COMMUNITY },
    confirm: { from: ['pending'], to: 'approved', who: ['organiser'], label: '确认计至结束', verb: '确认未签退', notYours: NOT_ORGANISER, outOfScope: OTHER_COMMUNITY },
    adjust: { from: ['pending'], to: 'adjusted', who: ['organiser'], label: '调整时长', notYours: NOT_ORGANISER, outOfScope: OTHER_COMMUNITY },
    reject: { from: ['pending'], to: 'rejected', who: ['organiser'], label: '不通过', notYours: NOT_ORGANISER, outOfScope: OTHER_COMMUNITY },
    auto_approve: { from: ['pending'], to: 'approved', who: ['system'], label: '到期自动通过', notYours: '', offered: false },
    auto_reject: { from: ['pending'], to: 'rejected', who: ['system'], label: '未签退不计时长', notYours: '', offered: false },
  },
  limits: {
    missing_checkout: { code: ErrorCode.WrongState, message: () => '该党员未签退：请确认计至活动结束，或调整时长' },
    not_missing: { status: 400, code: ErrorCode.ValidationFailed, message: () => '该党员已正常签退，直接审核通过即可' },
  },
});

export type HoursAction = (typeof HOURS_WORKFLOW.actionNames)[number];
