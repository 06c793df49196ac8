import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UploadsModule } from '../uploads/uploads.module';
import { UsersModule } from '../users/users.module';
import { WishesModule } from '../wishes/wishes.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';

/** Residents' rights (PIPL): their data download and account deletion, over the modules that hold the rows. */
@Module({
  imports: [UsersModule, MembersModule, WishesModule, NotificationsModule, UploadsModule, WorkflowModule],
  controllers: [PrivacyController],
  providers: [PrivacyService],
})
export class PrivacyModule {}
