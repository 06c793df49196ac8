import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { RegionsModule } from '../regions/regions.module';
import { PrincipalsRepository } from './principals.repository';
import { SessionsService } from './sessions.service';
import { UsersController } from './users.controller';
import { RoleAssignmentsController } from './role-assignments.controller';
import { RoleAssignmentsService } from './role-assignments.service';
import { UsersService } from './users.service';

@Module({
  imports: [RegionsModule, OrganisationsModule],
  controllers: [RoleAssignmentsController, UsersController],
  providers: [UsersService, RoleAssignmentsService, PrincipalsRepository, SessionsService],
  exports: [UsersService, RoleAssignmentsService, SessionsService],
})
export class UsersModule {}
