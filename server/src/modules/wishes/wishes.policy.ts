import { WISH_OFFERED_ACTIONS, type DispatchStatus, type WishOfferedAction, type WishStatus } from '@nuancheng/shared';
import { ErrorCode } from '../../common/errors/app.exception';
import { defineWorkflow } from '../../common/workflow/workflow';

/**
 * The caller's relations to one wish (WishContextService works them out):
 * - resident: posted it, or it was entered for them;
 * - claimant: holds its live claim — the member, or an org admin of the claiming unit or of any unit above it;
 * - community_staff: 社区工作者 of its community (sees the beneficiary's contact);
 * - staff: community staff, street official or committee admin over its community (vets, settles disputes);
 * - street_official / committee: 街道干部 of its street, 工委管理员 above it;
 * - member: has a member card and is not its resident; unit_admin: org admin of some unit;
 * - dispatched_unit_admin: org admin of the unit a pending dispatch of this wish went to;
 * - system: scheduled work.
 */
export type WishRelation = 'resident' | 'claimant' | 'community_staff' | 'staff' | 'street_official' | 'committee' | 'member' | 'unit_admin' | 'dispatched_unit_admin' | 'system';

const NOT_STAFF = '只有本社区工作人员可以处理';
const OTHER_COMMUNITY = '该心愿不在您负责的社区';

export const WISH_WORKFLOW = defineWorkflow<WishStatus, WishRelation>()({
  noun: '心愿',
  states: {
    submitted: '该心愿正在等待社区审核',
    held: '该心愿正在人工复核',
    rejected: '该心愿未通过审核',
    withdrawn: '该心愿已撤回',
    published: '该心愿已发布，正在等待认领',
    claimed: '该心愿已被认领',
    fulfilled: '该心愿已圆梦，等待确认',
    disputed: '该心愿有异议，正由社区处理',
    confirmed: '该心愿已圆满完成',
  },
  actions: {
    submit: { from: [], to: 'submitted', who: ['resident', 'staff'], label: '提交', notYours: '只有居民本人或社区工作人员可以提交心愿', offered: false },
    // From submitted too: a resubmitted wish goes through the same content check as a new one.
    hold: { from: ['submitted'], to: 'held', who: ['system'], label: '待人工复核', notYours: '', offered: false },
    approve: { from: ['submitted', 'held'], to: 'published', who: ['staff'], label: '审核通过', notYours: '只有本社区工作人员可以审核心愿', outOfScope: OTHER_COMMUNITY },
    reject: { from: ['submitted', 'held'], to: 'rejected', who: ['staff'], label: '驳回', notYours: '只有本社区工作人员可以审核心愿', outOfScope: OTHER_COMMUNITY },
    claim: {
      from: ['published'],
      to: 'claimed',
      who: ['member'],
      label: '认领',
      notYours: '只有已报到的在职党员可以认领心愿（不能认领自己发布的心愿）；单位认领请选择单位',
      conflictCode: ErrorCode.AlreadyClaimed,
    },
    claim_for_unit: {
      from: ['published'],
      to: 'claimed',
      who: ['unit_admin'],
      label: '单位认领',
      notYours: '只有本单位的党组织管理员可以代表单位认领',
      conflictCode: ErrorCode.AlreadyClaimed,
    },
    fulfil: { from: ['claimed'], to: 'fulfilled', who: ['claimant'], label: '圆梦', notYours: '只有认领人可以提交圆梦凭证' },
    confirm: { from: ['fulfilled'], to: 'confirmed', who: ['resident'], label: '确认', verb: '确认收到', notYours: '只有心愿发布人可以确认收到' },
    dispute: { from: ['fulfilled'], to: 'disputed', who: ['resident'], label: '异议', verb: '反映没有收到', notYours: '只有心愿发布人可以反映没有收到' },
    confirm_on_behalf: { from: ['fulfilled', 'disputed'], to: 'confirmed', who: ['staff'], label: '社区代为确认', notYours: NOT_STAFF, outOfScope: OTHER_COMMUNITY },
    reopen: { from: ['disputed'], to: 'claimed', who: ['staff'], label: '退回重办', notYours: '只有本社区工作人员可以退回重办', outOfScope: OTHER_COMMUNITY },
    release: { from: ['claimed'], to: 'published', who: ['claimant'], label: '放弃认领', notYours: '只有认领人可以放弃认领' },
    revoke: { from: ['claimed', 'disputed'], to: 'published', who: ['staff'], label: '撤销认领', notYours: '只有本社区工作人员可以撤销认领', outOfScope: OTHER_COMMUNITY },
    dispatch: {
      from: ['published'],
      who: ['street_official', 'committee'],
      label: '派单',
      notYours: '只有所在街道的干部或工委管理员可以派单',
      outOfScope: '该心愿不在您负责的街道，不能派单',
    },
    /** Break-glass: an official above the community opens the beneficiary's contact with a stated reason (audited). */
    view_contact: {
      from: ['submitted', 'held', 'rejected', 'withdrawn', 'published', 'claimed', 'fulfilled', 'disputed', 'confirmed'],
      who: ['street_official', 'committee'],
      label: '查看联系方式',
      notYours: '只有所在街道的干部或工委管理员可以说明原因后查看联系方式',
      outOfScope: '该心愿不在您负责的街道',
    },
    withdraw: { from: ['submitted', 'held', 'published'], to: 'withdrawn', who: ['resident'], label: '撤回', notYours: '只有发布人可以撤回心愿' },
    /** The resident edits a rejected wish and sends it to review again; the rejection stays on the timeline. */
    resubmit: { from: ['rejected'], to: 'submitted', who: ['resident'], label: '重新提交', notYours: '只有心愿发布人可以修改后重新提交' },
    // Entries made by the dispatch workflow and by jobs: on the timeline, never offered as buttons.
    expire: { from: ['claimed'], to: 'published', who: ['system'], label: '超期释放', notYours: '', offered: false },
    accept_dispatch: {
      from: ['published'],
      to: 'claimed',
      who: ['dispatched_unit_admin'],
      label: '转为认领',
      notYours: '只有被派单单位的党组织管理员可以承接',
      offered: false,
      conflictCode: ErrorCode.AlreadyClaimed,
    },
    decline_dispatch: { from: ['published'], who: ['dispatched_unit_admin'], label: '拒绝派单', notYours: '只有被派单单位的党组织管理员可以答复', offered: false },
    escalate: { from: ['published'], who: ['system'], label: '升级督办', notYours: '', offered: false },
  },
  limits: {
    claim_cap: {
      code: ErrorCode.ClaimLimitReached,
      message: ({ open, cap }: { open: number; cap: number }) => `您已有 ${open} 个未完成的认领（上限 ${cap} 个），请先完成后再认领`,
    },
    daily_cap: {
      status: 429,
      code: ErrorCode.RateLimited,
      message: ({ today, cap }: { today: number; cap: number }) => `24 小时内已认领 ${today} 次（上限 ${cap} 次），请明天再来认领`,
    },
    dispatch_pending: { code: ErrorCode.WrongState, message: () => '该心愿已派单，正在等待单位答复' },
    note_required: { status: 400, code: ErrorCode.ValidationFailed, message: () => '社区代为确认时请填写说明（如：已电话回访确认收到）' },
    contact_already_visible: { status: 400, code: ErrorCode.ValidationFailed, message: () => '您可以直接在心愿详情中看到联系方式，无需另行申请' },
  },
});

export type WishAction = (typeof WISH_WORKFLOW.actionNames)[number];

/** What the offered actions must equal: the shared union the mini-program maps to buttons (a unit test checks it). */
export const OFFERED: readonly WishOfferedAction[] = WISH_OFFERED_ACTIONS;

/** Relations to a dispatch: its unit's admins answer it, the system escalates it. */
export type DispatchRelation = 'dispatched_unit_admin' | 'system';

export const DISPATCH_WORKFLOW = defineWorkflow<DispatchStatus, DispatchRelation>()({
  noun: '派单',
  states: {
    pending: '这张派单正在等待答复',
    escalated: '这张派单已上报工委督办',
    accepted: '这张派单已经承接',
    declined: '这张派单已经婉拒',
  },
  actions: {
    accept: { from: ['pending', 'escalated'], to: 'accepted', who: ['dispatched_unit_admin'], label: '承接', notYours: '只有被派单单位的党组织管理员可以答复' },
    decline: { from: ['pending', 'escalated'], to: 'declined', who: ['dispatched_unit_admin'], label: '婉拒', notYours: '只有被派单单位的党组织管理员可以答复' },
    escalate: { from: ['pending'], to: 'escalated', who: ['system'], label: '上报督办', notYours: '', offered: false },
  },
});
