import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../../common/events/domain-events';
import type {} from '../../posts/posts.events';
import { NotificationsService } from '../notifications.service';

/** 服务岗位: the member hears that their unit took a post for them, and the community's decision on a shift. */
@Injectable()
export class ServicePostNotificationsSubscriber implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
  ) {}

  onModuleInit(): void {
    const n = this.notifications;
    this.events.on('post.taken', async (m, e) => {
      if (!e.holding.organisationName) return; // the member took it themself
      await n.notify(m, {
        userId: e.holding.memberUserId,
        kind: 'service_post',
        title: '单位为您认领了服务岗位',
        body: `${e.holding.organisationName}为您认领了${e.post.communityName}的“${e.post.name}”，期限一年`,
        link: { kind: 'service_post', id: e.holding.id },
      });
    });
    this.events.on('post_shift.confirmed', (m, e) =>
      n.notify(m, {
        userId: e.shift.memberUserId,
        kind: 'service_post',
        title: '值守记录已确认',
        body: `您 ${e.shift.date} 在“${e.post.name}”的 ${e.shift.minutes} 分钟值守已确认，计入服务时长`,
        link: { kind: 'service_post', id: e.shift.holdingId },
      }),
    );
    this.events.on('post_shift.rejected', (m, e) =>
      n.notify(m, {
        userId: e.shift.memberUserId,
        kind: 'service_post',
        title: '值守记录未通过',
        body: `您 ${e.shift.date} 在“${e.post.name}”的值守记录未通过：${e.note ?? ''}`,
        link: { kind: 'service_post', id: e.shift.holdingId },
      }),
    );
  }
}
