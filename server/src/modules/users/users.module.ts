import { Module } from '@nestjs/common';
import { OrganisationsModule } from '../organisations/organisations.module';
import { RegionsModule } from '../regions/regions.module';
import { PrincipalsRepository } from './principals.repository';
import { RoleAssignmentsController } from './role-assignments.controller';
import { RoleAssignmentsService } from './role-assignments.service';
import { UsersService } from './users.service';

@Module({
  imports: [RegionsModule, OrganisationsModule],
  controllers: [RoleAssignmentsController],
  providers: [UsersService, RoleAssignmentsService, PrincipalsRepository],
  exports: [UsersService, RoleAssignmentsService],
})
export class UsersModule {}
