import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { LedgerModule } from '../ledger/ledger.module';
import { MembersModule } from '../members/members.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PledgesModule } from '../pledges/pledges.module';
import { ProjectsModule } from '../projects/projects.module';
import { RegionsModule } from '../regions/regions.module';
import { ReportsModule } from '../reports/reports.module';
import { WishesModule } from '../wishes/wishes.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { OrgReportFiguresService } from './org-report-figures.service';
import { OrgReportsController } from './org-reports.controller';
import { OrgReportsService } from './org-reports.service';

/** 机关党组织年度报告 and the paired streets' assessments of agreements; figures asked from the owning modules. */
@Module({
  imports: [WorkflowModule, OrganisationsModule, RegionsModule, MembersModule, LedgerModule, ReportsModule, AgreementsModule, WishesModule, ProjectsModule, PledgesModule],
  controllers: [OrgReportsController],
  providers: [OrgReportFiguresService, OrgReportsService],
  exports: [OrgReportsService],
})
export class OrgReportsModule {}
