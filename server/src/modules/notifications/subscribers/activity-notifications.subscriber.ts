import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../../common/events/domain-events';
import type { ActivityRef } from '../../activities/activities.events';
import { NotificationsService } from '../notifications.service';

const activityLink = (activity: ActivityRef) => ({ kind: 'activity' as const, id: activity.id });

/** Attendees are told when an activity is cancelled, and when their hours were adjusted or not approved (with why). */
@Injectable()
export class ActivityNotificationsSubscriber implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    const n = this.notifications;
    this.events.on('activity.cancelled', (m, e) =>
      n.notifyAll(m, e.attendeeUserIds, { kind: 'activity', title: '活动已取消', body: `您报名的活动“${e.activity.title}”已取消：${e.reason}`, link: activityLink(e.activity) }),
    );
    this.events.on('activity.hours_approved', async (m, e) => {
      if (e.outcome !== 'adjusted') return;
      await n.notify(m, {
        userId: e.memberUserId,
        kind: 'activity',
        title: '服务时长已调整',
        body: `活动“${e.activity.title}”的服务时长调整为 ${e.minutes} 分钟：${e.reason ?? ''}`,
        link: activityLink(e.activity),
      });
    });
    this.events.on('activity.hours_rejected', (m, e) =>
      n.notify(m, { userId: e.memberUserId, kind: 'activity', title: '服务时长未通过', body: `活动“${e.activity.title}”的服务时长未通过审核：${e.reason ?? ''}`, link: activityLink(e.activity) }),
    );
  }
}
