import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../../common/events/domain-events';
import type {} from '../../registrations/registrations.events';
import { UsersService } from '../../users/users.service';
import { NotificationsService } from '../notifications.service';

/** 党员报到: the community's staff hear of a request; the member hears the decision. */
@Injectable()
export class RegistrationNotificationsSubscriber implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly notifications: NotificationsService,
    private readonly users: UsersService,
  ) {}

  onModuleInit(): void {
    const n = this.notifications;
    this.events.on('registration.requested', async (m, e) => {
      const staff = await this.users.holdersOf(m, 'community_staff', { regionId: e.registration.communityId });
      await n.notifyAll(m, staff, {
        kind: 'registration_request',
        title: '新的党员报到申请',
        body: `有在职党员申请到${e.registration.communityName}报到${e.note ? `（${e.note}）` : ''}，请核实后确认`,
        link: { kind: 'registrations', id: null },
      });
    });
    this.events.on('registration.confirmed', (m, e) =>
      n.notify(m, {
        userId: e.registration.memberUserId,
        kind: 'registration_status',
        title: '报到已确认',
        body: `您已在${e.registration.communityName}报到成功${e.ended ? `，原${e.ended.communityName}的报到已结束` : ''}，欢迎参与社区服务`,
        link: { kind: 'registration', id: e.registration.id },
      }),
    );
    this.events.on('registration.rejected', (m, e) =>
      n.notify(m, {
        userId: e.registration.memberUserId,
        kind: 'registration_status',
        title: '报到申请未通过',
        body: `您到${e.registration.communityName}报到的申请未通过：${e.note ?? ''}`,
        link: { kind: 'registration', id: e.registration.id },
      }),
    );
  }
}
