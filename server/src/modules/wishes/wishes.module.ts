import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { UploadsModule } from '../uploads/uploads.module';
import { WechatModule } from '../wechat/wechat.module';
import { DispatchesService } from './dispatches.service';
import { MyWishesController } from './my-wishes.controller';
import { WishContextService } from './wish-context.service';
import { WishJobsService } from './wish-jobs.service';
import { WishQueriesService } from './wish-queries.service';
import { WishesController } from './wishes.controller';
import { WishesService } from './wishes.service';

@Module({
  imports: [UploadsModule, NotificationsModule, LedgerModule, WechatModule],
  controllers: [WishesController, MyWishesController],
  providers: [WishContextService, WishesService, WishQueriesService, DispatchesService, WishJobsService],
  exports: [WishJobsService, WishContextService],
})
export class WishesModule {}
