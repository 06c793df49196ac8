import type { AppConfig } from '../../config/config';

/**
 * Every kind of notification and the subscribe-message template setting it is sent with (WECHAT_TEMPLATE_*).
 * A kind whose template is not configured goes to the in-app inbox only. Add a kind here with the subscriber
 * that sends it; never reuse another kind's template for a different message.
 */
export const NOTIFICATION_KINDS = {
  /** A wish changed state: its resident or its claimant is told (心愿进展提醒). */
  wish_status: { template: 'wishStatus', label: '心愿进展' },
  /** A wish waits for the community's staff: submitted for review, or the resident says it never arrived (心愿待办提醒). */
  wish_todo: { template: 'wishTodo', label: '心愿待办' },
  /** A claim is due soon or was released for lateness (认领到期提醒). */
  claim_deadline: { template: 'claimDeadline', label: '认领期限' },
  /** 督办: a dispatch to a unit, and the unit's answer to the official (派单提醒). */
  dispatch: { template: 'dispatch', label: '督办派单' },
  /** 一党员一践诺: a pledge to approve or assess (secretary, staff), approved / returned / assessed (the member) (践诺提醒). */
  pledge: { template: 'pledge', label: '践诺提醒' },
  /** 共建协议: proposed to the other side, countersigned, returned, ended, expiring soon (共建协议提醒). */
  agreement: { template: 'agreement', label: '共建协议' },
  /** 党员报到: a member asked to register with the community; its staff are told (报到申请提醒). */
  registration_request: { template: 'registrationRequest', label: '报到申请' },
  /** 党员报到: the member is told the community's decision (报到结果通知). */
  registration_status: { template: 'registrationStatus', label: '报到结果' },
  /** 服务岗位: a shift confirmed or rejected, a post taken for the member by their unit (服务岗位提醒). */
  service_post: { template: 'servicePost', label: '服务岗位' },
  /** A half-year report was submitted (to the secretary), approved or returned (to the member) (报告审核提醒). */
  report_status: { template: 'reportStatus', label: '报告审核' },
  /** A half-year report deadline is near (报告截止提醒). */
  report_deadline: { template: 'reportDeadline', label: '报告截止' },
  /** A volunteer activity was cancelled, or one's hours were adjusted or not approved (活动提醒). */
  activity: { template: 'activity', label: '志愿服务活动' },
} as const satisfies Record<string, { template: keyof AppConfig['wechatTemplates']; label: string }>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
