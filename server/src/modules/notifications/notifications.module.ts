import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { WechatModule } from '../wechat/wechat.module';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OutboxWorker } from './outbox.worker';
import { ActivityNotificationsSubscriber } from './subscribers/activity-notifications.subscriber';
import { WishNotificationsSubscriber } from './subscribers/wish-notifications.subscriber';

/** The inbox and WeChat subscribe messages: subscribes to the other modules' events, which know nothing of it. */
@Module({
  imports: [WechatModule, UsersModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, OutboxWorker, WishNotificationsSubscriber, ActivityNotificationsSubscriber],
  exports: [OutboxWorker],
})
export class NotificationsModule {}
