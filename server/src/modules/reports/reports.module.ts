import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { MembersModule } from '../members/members.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { RegionsModule } from '../regions/regions.module';
import { UploadsModule } from '../uploads/uploads.module';
import { UsersModule } from '../users/users.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { AssessmentsService } from './assessments.service';
import { ReportFiguresService } from './report-figures.service';
import { ReportJobsService } from './report-jobs.service';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

/** 双报告 · member half-year reports and the streets' assessments. Publishes report.* events (reports.events.ts). */
@Module({
  imports: [WorkflowModule, LedgerModule, MembersModule, OrganisationsModule, RegionsModule, UploadsModule, UsersModule],
  controllers: [ReportsController],
  providers: [ReportsRepository, ReportFiguresService, ReportsService, AssessmentsService, ReportJobsService],
  exports: [ReportsService, ReportJobsService],
})
export class ReportsModule {}
