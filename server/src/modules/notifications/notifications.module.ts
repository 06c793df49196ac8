import { Module } from '@nestjs/common';
import { WechatModule } from '../wechat/wechat.module';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';
import { OutboxWorker } from './outbox.worker';

@Module({
  imports: [WechatModule],
  controllers: [NotificationsController],
  providers: [NotificationsService, OutboxWorker],
  exports: [NotificationsService, OutboxWorker],
})
export class NotificationsModule {}
