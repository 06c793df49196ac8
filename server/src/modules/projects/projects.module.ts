import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { RegionsModule } from '../regions/regions.module';
import { UploadsModule } from '../uploads/uploads.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { ProjectsController } from './projects.controller';
import { ProjectsService } from './projects.service';

/** 民生实事. Publishes project.* events (projects.events.ts); the ledger credits progress from them. */
@Module({
  imports: [WorkflowModule, UploadsModule, RegionsModule, OrganisationsModule],
  controllers: [ProjectsController],
  providers: [ProjectsService],
  exports: [ProjectsService],
})
export class ProjectsModule {}
