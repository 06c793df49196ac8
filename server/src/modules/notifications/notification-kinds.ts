import type { AppConfig } from '../../config/config';

/**
 * Every kind of notification and the subscribe-message template setting it is sent with (WECHAT_TEMPLATE_*).
 * A kind whose template is not configured goes to the in-app inbox only. Add a kind here with the subscriber
 * that sends it; never reuse another kind's template for a different message.
 */
export const NOTIFICATION_KINDS = {
  /** A wish changed state: its resident or its claimant is told (心愿进展提醒). */
  wish_status: { template: 'wishStatus', label: '心愿进展' },
  /** A claim is due soon or was released for lateness (认领到期提醒). */
  claim_deadline: { template: 'claimDeadline', label: '认领期限' },
  /** 督办: a dispatch to a unit, and the unit's answer to the official (派单提醒). */
  dispatch: { template: 'dispatch', label: '督办派单' },
  /** A volunteer activity was cancelled, or one's hours were adjusted or not approved (活动提醒). */
  activity: { template: 'activity', label: '志愿服务活动' },
} as const satisfies Record<string, { template: keyof AppConfig['wechatTemplates']; label: string }>;

export type NotificationKind = keyof typeof NOTIFICATION_KINDS;
