import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { RegionsModule } from '../regions/regions.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { UploadsModule } from '../uploads/uploads.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { PostHoldingsController, PostShiftsController, PostsController } from './posts.controller';
import { PostsJobsService } from './posts-jobs.service';
import { PostsRepository } from './posts.repository';
import { PostsService } from './posts.service';
import { ShiftsService } from './shifts.service';

/** 党员服务岗位: posts, holdings (认岗) and shifts. Publishes post.* and post_shift.* (posts.events.ts). */
@Module({
  imports: [WorkflowModule, MembersModule, RegionsModule, OrganisationsModule, RegistrationsModule, UploadsModule],
  controllers: [PostsController, PostHoldingsController, PostShiftsController],
  providers: [PostsRepository, PostsService, ShiftsService, PostsJobsService],
  exports: [PostsService, ShiftsService, PostsJobsService],
})
export class PostsModule {}
