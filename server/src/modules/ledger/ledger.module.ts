import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { RegionsModule } from '../regions/regions.module';
import { LedgerCreditsSubscriber } from './ledger-credits.subscriber';
import { ActivityCreditsSubscriber } from './subscribers/activity-credits.subscriber';
import { LedgerController } from './ledger.controller';
import { LedgerRepository } from './ledger.repository';
import { LedgerService } from './ledger.service';
import { PledgeCreditsSubscriber } from './subscribers/pledge-credits.subscriber';
import { ServicePostCreditsSubscriber } from './subscribers/service-post-credits.subscriber';

/** 台账: credits from the other modules' events, corrections, and the ledger reads. */
@Module({
  imports: [MembersModule, OrganisationsModule, RegionsModule],
  controllers: [LedgerController],
  providers: [LedgerRepository, LedgerService, LedgerCreditsSubscriber, PledgeCreditsSubscriber, ServicePostCreditsSubscriber, ActivityCreditsSubscriber],
  exports: [LedgerService],
})
export class LedgerModule {}
