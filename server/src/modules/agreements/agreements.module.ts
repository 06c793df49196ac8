import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { ProjectsModule } from '../projects/projects.module';
import { RegionsModule } from '../regions/regions.module';
import { UsersModule } from '../users/users.module';
import { WishesModule } from '../wishes/wishes.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { AgreementContextService } from './agreement-context.service';
import { AgreementDeliveriesService } from './agreement-deliveries';
import { AgreementJobsService } from './agreement-jobs.service';
import { AgreementQueriesService } from './agreement-queries.service';
import { AgreementsController, OnePlusNController } from './agreements.controller';
import { AgreementsRepository } from './agreements.repository';
import { AgreementsService } from './agreements.service';
import { OnePlusNService } from './one-plus-n.service';

/**
 * 共建协议 = 组织报到, and 1+N. Publishes agreement.* events (agreements.events.ts); other modules ask
 * AgreementsService.inForce / partnersOf whether and where a unit has registered.
 */
@Module({
  imports: [WorkflowModule, RegionsModule, OrganisationsModule, UsersModule, LedgerModule, WishesModule, ProjectsModule],
  controllers: [AgreementsController, OnePlusNController],
  providers: [AgreementsRepository, AgreementContextService, AgreementDeliveriesService, AgreementQueriesService, AgreementsService, OnePlusNService, AgreementJobsService],
  exports: [AgreementsService, AgreementJobsService],
})
export class AgreementsModule {}
