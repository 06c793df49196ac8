import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { RegionsModule } from '../regions/regions.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { MemberDirectoryService } from './member-directory.service';
import { RegistrationsController } from './registrations.controller';
import { RegistrationsRepository } from './registrations.repository';
import { RegistrationsService } from './registrations.service';

/** 党员报到: members register with the community where they live. Publishes registration.* (registrations.events.ts). */
@Module({
  imports: [WorkflowModule, MembersModule, RegionsModule, OrganisationsModule],
  controllers: [RegistrationsController],
  providers: [RegistrationsRepository, RegistrationsService, MemberDirectoryService],
  exports: [RegistrationsService, MemberDirectoryService],
})
export class RegistrationsModule {}
