import {
  POST_HOLDING_OFFERED_ACTIONS,
  SERVICE_POST_OFFERED_ACTIONS,
  SHIFT_OFFERED_ACTIONS,
  type PostHoldingOfferedAction,
  type PostHoldingStatus,
  type ServicePostOfferedAction,
  type ServicePostState,
  type ShiftOfferedAction,
  type ShiftStatus,
} from '@nuancheng/shared';
import { ErrorCode } from '../../common/errors/app.exception';
import { defineWorkflow } from '../../common/workflow/workflow';

/**
 * The caller's relations to a post: `registered_member` — a member registered (confirmed) with the post's
 * community; `unit_admin` — an org admin (of the member's unit, when a member is named); `community_staff` —
 * 社区工作者 of its community.
 */
export type ServicePostRelation = 'registered_member' | 'unit_admin' | 'community_staff';

const OTHER_COMMUNITY = '该岗位不在您负责的社区';

/** A post is open while it has a free place, full otherwise (computed from places and taken). */
export const SERVICE_POST_WORKFLOW = defineWorkflow<ServicePostState, ServicePostRelation>()({
  noun: '岗位',
  states: {
    open: '该岗位还有空余名额',
    full: '该岗位名额已满',
  },
  actions: {
    publish: { from: [], to: 'open', who: ['community_staff'], label: '发布岗位', notYours: '只有该社区的社区工作者可以发布服务岗位', outOfScope: '只能在您负责的社区发布服务岗位', offered: false },
    take: {
      from: ['open'],
      who: ['registered_member'],
      label: '认岗',
      notYours: '请先到该社区报到（报到经社区确认后），再认领该社区的服务岗位',
      conflictCode: ErrorCode.PostFull,
    },
    take_for_member: {
      from: ['open'],
      who: ['unit_admin'],
      label: '单位认岗',
      verb: '为党员认岗',
      notYours: '只有党员所在单位的党组织管理员可以为其认岗',
      outOfScope: '该党员不在您管理的单位',
      conflictCode: ErrorCode.PostFull,
    },
    edit: { from: ['open', 'full'], who: ['community_staff'], label: '修改岗位', notYours: '只有该社区的社区工作者可以修改服务岗位', outOfScope: OTHER_COMMUNITY },
  },
  limits: {
    already_holds: {
      code: ErrorCode.AlreadyHoldsPost,
      message: ({ post }: { post: string }) => `已认领了“${post}”，一名党员同时只能认领一个服务岗位（期满或离岗后可再认领）`,
    },
    places_below_taken: {
      status: 400,
      code: ErrorCode.ValidationFailed,
      message: ({ taken }: { taken: number }) => `该岗位已有 ${taken} 人在岗，名额不能少于 ${taken} 个`,
    },
  },
});
export type ServicePostAction = (typeof SERVICE_POST_WORKFLOW.actionNames)[number];
export const POST_OFFERED: readonly ServicePostOfferedAction[] = SERVICE_POST_OFFERED_ACTIONS;

/** Relations to a holding: `holder` — the member; `unit_admin` — org admin of the member's unit; `system` — expiry. */
export type PostHoldingRelation = 'holder' | 'unit_admin' | 'system';

export const POST_HOLDING_WORKFLOW = defineWorkflow<PostHoldingStatus, PostHoldingRelation>()({
  noun: '认岗',
  states: {
    active: '该党员正在岗',
    released: '该认岗已离岗',
    expired: '该认岗已期满',
  },
  actions: {
    take: { from: [], to: 'active', who: ['holder', 'unit_admin'], label: '认岗', notYours: '', offered: false },
    log_shift: { from: ['active'], who: ['holder'], label: '登记值守', notYours: '只有在岗的党员本人可以登记值守' },
    release: { from: ['active'], to: 'released', who: ['holder', 'unit_admin'], label: '离岗', verb: '办理离岗', notYours: '只有在岗党员本人或其单位的党组织管理员可以办理离岗' },
    expire: { from: ['active'], to: 'expired', who: ['system'], label: '期满离岗', notYours: '', offered: false },
  },
});
export type PostHoldingAction = (typeof POST_HOLDING_WORKFLOW.actionNames)[number];
export const HOLDING_OFFERED: readonly PostHoldingOfferedAction[] = POST_HOLDING_OFFERED_ACTIONS;

/** Relations to a shift: `holder` — the member who logged it; `community_staff` — 社区工作者 of its community. */
export type ShiftRelation = 'holder' | 'community_staff';

const NOT_STAFF = '只有该社区的社区工作者可以确认值守记录';
const SHIFT_OTHER_COMMUNITY = '该值守记录不在您负责的社区';

export const SHIFT_WORKFLOW = defineWorkflow<ShiftStatus, ShiftRelation>()({
  noun: '值守记录',
  states: {
    pending: '该值守记录正在等待社区确认',
    confirmed: '该值守记录已确认',
    rejected: '该值守记录未通过',
  },
  actions: {
    log: { from: [], to: 'pending', who: ['holder'], label: '登记值守', notYours: '', offered: false },
    confirm: { from: ['pending'], to: 'confirmed', who: ['community_staff'], label: '确认', notYours: NOT_STAFF, outOfScope: SHIFT_OTHER_COMMUNITY },
    reject: { from: ['pending'], to: 'rejected', who: ['community_staff'], label: '不予确认', verb: '驳回', notYours: NOT_STAFF, outOfScope: SHIFT_OTHER_COMMUNITY },
  },
  limits: {
    date_in_future: { status: 400, code: ErrorCode.ValidationFailed, message: () => '值守日期不能晚于今天' },
    date_too_old: { status: 400, code: ErrorCode.ValidationFailed, message: ({ days }: { days: number }) => `请在值守后 ${days} 天内登记` },
    before_term: { status: 400, code: ErrorCode.ValidationFailed, message: ({ start }: { start: string }) => `值守日期不能早于认岗日期 ${start}` },
    day_full: {
      status: 400,
      code: ErrorCode.ValidationFailed,
      message: ({ date, logged, max }: { date: string; logged: number; max: number }) => `您在 ${date} 已登记 ${logged} 分钟，一天合计不能超过 ${max} 分钟`,
    },
  },
});
export type ShiftAction = (typeof SHIFT_WORKFLOW.actionNames)[number];
export const SHIFT_OFFERED: readonly ShiftOfferedAction[] = SHIFT_OFFERED_ACTIONS;
