import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { WechatModule } from '../wechat/wechat.module';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OutboxWorker } from './outbox.worker';
import { PledgeNotificationsSubscriber } from './subscribers/pledge-notifications.subscriber';
import { AgreementNotificationsSubscriber } from './subscribers/agreement-notifications.subscriber';
import { ReportNotificationsSubscriber } from './subscribers/report-notifications.subscriber';
import { ActivityNotificationsSubscriber } from './subscribers/activity-notifications.subscriber';
import { WishNotificationsSubscriber } from './subscribers/wish-notifications.subscriber';
import { WishStaffNotificationsSubscriber } from './subscribers/wish-staff-notifications.subscriber';
import { RegistrationNotificationsSubscriber } from './subscribers/registration-notifications.subscriber';
import { ServicePostNotificationsSubscriber } from './subscribers/service-post-notifications.subscriber';

/** The inbox and WeChat subscribe messages: subscribes to the other modules' events, which know nothing of it. */
@Module({
  imports: [WechatModule, UsersModule],
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    OutboxWorker,
    WishNotificationsSubscriber,
    WishStaffNotificationsSubscriber,
    PledgeNotificationsSubscriber,
    AgreementNotificationsSubscriber,
    RegistrationNotificationsSubscriber,
    ServicePostNotificationsSubscriber,
    ReportNotificationsSubscriber,
    ActivityNotificationsSubscriber,
  ],
  exports: [OutboxWorker, NotificationsService],
})
export class NotificationsModule {}
