import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { RoleAssignmentsController } from './role-assignments.controller';
import { RoleAssignmentsService } from './role-assignments.service';
import { UsersService } from './users.service';

@Module({
  imports: [MembersModule, OrganisationsModule],
  controllers: [RoleAssignmentsController],
  providers: [UsersService, RoleAssignmentsService],
  exports: [UsersService],
})
export class UsersModule {}
