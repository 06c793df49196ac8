import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { WishesModule } from '../wishes/wishes.module';
import { JobLeaseService } from './job-lease.service';
import { JobSchedulerService } from './job-scheduler.service';

@Module({
  imports: [WishesModule, NotificationsModule],
  providers: [JobLeaseService, JobSchedulerService],
  exports: [JobLeaseService, JobSchedulerService],
})
export class JobsModule {}
