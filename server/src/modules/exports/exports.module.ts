import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module';
import { AuditModule } from '../audit/audit.module';
import { LedgerModule } from '../ledger/ledger.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { RegionsModule } from '../regions/regions.module';
import { ReportsModule } from '../reports/reports.module';
import { WishesModule } from '../wishes/wishes.module';
import { ExportsController } from './exports.controller';
import { ExportsService } from './exports.service';

/** 数据导出: streamed .xlsx of reports, ledgers, wishes and activities. Reads every module through its service; owns no table. */
@Module({
  imports: [AuditModule, RegionsModule, OrganisationsModule, LedgerModule, ReportsModule, WishesModule, ActivitiesModule],
  controllers: [ExportsController],
  providers: [ExportsService],
  exports: [ExportsService],
})
export class ExportsModule {}
