import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { AuditModule } from '../audit/audit.module';
import { AgreementsModule } from '../agreements/agreements.module';
import { LedgerModule } from '../ledger/ledger.module';
import { MembersModule } from '../members/members.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PostsModule } from '../posts/posts.module';
import { ProjectsModule } from '../projects/projects.module';
import { RegionsModule } from '../regions/regions.module';
import { RegistrationsModule } from '../registrations/registrations.module';
import { ReportsModule } from '../reports/reports.module';
import { WishesModule } from '../wishes/wishes.module';
import { SupervisionController, TodoCountsController } from './supervision.controller';
import { SupervisionService } from './supervision.service';
import { TodoCountsService } from './todo-counts.service';

/** 调度督导: the 件件有着落 board, the dashboard and each workbench's 待办 counts. Reads every other module through its service; owns no table. */
@Module({
  imports: [
    AuditModule,
    RegionsModule,
    OrganisationsModule,
    WishesModule,
    ProjectsModule,
    RegistrationsModule,
    PostsModule,
    ActivitiesModule,
    ReportsModule,
    AgreementsModule,
    MembersModule,
    LedgerModule,
  ],
  controllers: [SupervisionController, TodoCountsController],
  providers: [SupervisionService, TodoCountsService],
  exports: [SupervisionService],
})
export class SupervisionModule {}
