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
import { SupervisionController } from './supervision.controller';
import { SupervisionService } from './supervision.service';

/** 调度督导: the 件件有着落 board and the dashboard. Reads every other module through its service; owns no table. */
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
  controllers: [SupervisionController],
  providers: [SupervisionService],
  exports: [SupervisionService],
})
export class SupervisionModule {}
