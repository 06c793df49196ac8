import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { RegionsModule } from '../regions/regions.module';
import { UploadsModule } from '../uploads/uploads.module';
import { UsersModule } from '../users/users.module';
import { WechatModule } from '../wechat/wechat.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { DispatchesService } from './dispatches.service';
import { MyWishesController } from './my-wishes.controller';
import { WishContextService } from './wish-context.service';
import { WishJobsService } from './wish-jobs.service';
import { WishPrivacyService } from './wish-privacy.service';
import { WishQueriesService } from './wish-queries.service';
import { WishesController } from './wishes.controller';
import { WishesRepository } from './wishes.repository';
import { WishesService } from './wishes.service';

/** 微心愿: posting, vetting, claims, fulfilment, dispatches. Publishes wish.* events (wishes.events.ts). */
@Module({
  imports: [WorkflowModule, UploadsModule, UsersModule, MembersModule, RegionsModule, OrganisationsModule, WechatModule],
  controllers: [WishesController, MyWishesController],
  providers: [WishesRepository, WishContextService, WishesService, WishQueriesService, DispatchesService, WishJobsService, WishPrivacyService],
  exports: [WishJobsService, WishQueriesService, WishPrivacyService],
})
export class WishesModule {}
