import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UploadsModule } from '../uploads/uploads.module';
import { UsersModule } from '../users/users.module';
import { WishesModule } from '../wishes/wishes.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { ConsentsController } from './consents.controller';
import { ConsentsService } from './consents.service';
import { PrivacyController } from './privacy.controller';
import { PrivacyService } from './privacy.service';

/** Residents' rights (PIPL): consents to the privacy notice, their data download and account deletion, over the modules that hold the rows. */
@Module({
  imports: [UsersModule, MembersModule, WishesModule, NotificationsModule, UploadsModule, WorkflowModule],
  controllers: [PrivacyController, ConsentsController],
  providers: [PrivacyService, ConsentsService],
  exports: [ConsentsService],
})
export class PrivacyModule {}
