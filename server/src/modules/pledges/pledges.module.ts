import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ProjectsModule } from '../projects/projects.module';
import { RegionsModule } from '../regions/regions.module';
import { UploadsModule } from '../uploads/uploads.module';
import { UsersModule } from '../users/users.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { BranchesController } from './branches.controller';
import { BranchesService } from './branches.service';
import { PledgeContextService } from './pledge-context.service';
import { PledgeQueriesService } from './pledge-queries.service';
import { PledgesController } from './pledges.controller';
import { PledgesRepository } from './pledges.repository';
import { PledgesService } from './pledges.service';

/** 一党员一践诺 and 一支部一实事 (a branch's page). Publishes pledge.* events (pledges.events.ts). */
@Module({
  imports: [WorkflowModule, UploadsModule, UsersModule, MembersModule, RegionsModule, OrganisationsModule, ProjectsModule],
  controllers: [PledgesController, BranchesController],
  providers: [PledgesRepository, PledgeContextService, PledgeQueriesService, PledgesService, BranchesService],
  exports: [PledgeQueriesService],
})
export class PledgesModule {}
