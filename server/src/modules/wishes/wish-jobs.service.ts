import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, IsNull, LessThan, LessThanOrEqual, Not } from 'typeorm';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { AppException } from '../../common/errors/app.exception';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { NotificationsService } from '../notifications/notifications.service';
import { WishClaimEntity } from './entities/wish-claim.entity';
import { WishDispatchEntity } from './entities/wish-dispatch.entity';
import { SYSTEM_ACTOR, WishContextService } from './wish-context.service';
import { WishesService } from './wishes.service';
import { addDays } from './wishes.rules';

export interface WishJobsResult {
  reminded: number;
  released: number;
  escalated: number;
}

/** Time-driven work on wishes: deadline reminders, releasing expired claims, escalating unanswered dispatches. */
@Injectable()
export class WishJobsService {
  private readonly logger = new Logger('WishJobs');

  constructor(
    private readonly dataSource: DataSource,
    private readonly contexts: WishContextService,
    private readonly wishes: WishesService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async runOnce(): Promise<WishJobsResult> {
    return { reminded: await this.remind(), released: await this.releaseExpired(), escalated: await this.escalate() };
  }

  /** Claimants are told `remindDaysBefore` days before their deadline, once. */
  async remind(): Promise<number> {
    const now = this.clock.now();
    const due = await this.dataSource.getRepository(WishClaimEntity).find({
      where: { status: 'open', remindedAt: IsNull(), deadline: LessThanOrEqual(addDays(now, this.config.wishes.remindDaysBefore)) },
      relations: { wish: true },
      take: 500,
    });
    let count = 0;
    for (const claim of due) {
      if (claim.deadline.getTime() < now.getTime()) continue; // expiry handles it
      await inTransaction(this.dataSource, async (manager) => {
        const marked = await manager.update(WishClaimEntity, { id: claim.id, remindedAt: IsNull() }, { remindedAt: now });
        if (!marked.affected) return;
        count += 1;
        const days = Math.max(1, Math.ceil((claim.deadline.getTime() - now.getTime()) / 86400000));
        await this.notifications.notify(manager, {
          userId: claim.claimedByUserId,
          kind: 'claim_deadline',
          title: '认领即将到期',
          body: `您认领的心愿“${claim.wish!.title}”还有 ${days} 天到期，请尽快圆梦或放弃认领`,
          link: `/packages/wish/pages/detail/index?id=${claim.wishId}`,
        });
      });
    }
    return count;
  }

  /** Claims past their deadline are released: the wish goes back on the wall and the claimant is told. */
  async releaseExpired(): Promise<number> {
    const now = this.clock.now();
    const expired = await this.dataSource.getRepository(WishClaimEntity).find({ where: { status: 'open', deadline: LessThan(now), liveWishId: Not(IsNull()) }, take: 500 });
    let count = 0;
    for (const claim of expired) {
      try {
        await inTransaction(this.dataSource, async (manager) => {
          const ctx = await this.contexts.load(manager, claim.wishId, undefined);
          if (ctx.wish.status !== 'claimed' || ctx.claim?.id !== claim.id) return;
          await this.wishes.endClaim(manager, ctx, 'expire', 'expired', SYSTEM_ACTOR, '超过认领期限未圆梦，自动释放');
          await this.notifications.notify(manager, { userId: claim.claimedByUserId, kind: 'claim_deadline', title: '认领已到期释放', body: `您认领的心愿“${ctx.wish.title}”已超过期限，已重新发布到心愿墙`, link: `/packages/wish/pages/detail/index?id=${claim.wishId}` });
          count += 1;
        });
      } catch (error) {
        // Another instance got there first: its conditional update won, ours changed nothing.
        if (!(error instanceof AppException)) throw error;
      }
    }
    return count;
  }

  /** Dispatches nobody answered in time go to the committee's board. */
  async escalate(): Promise<number> {
    const now = this.clock.now();
    const due = await this.dataSource.getRepository(WishDispatchEntity).find({ where: { status: 'pending', answerBy: LessThan(now) }, take: 500 });
    let count = 0;
    for (const dispatch of due) {
      await inTransaction(this.dataSource, async (manager) => {
        const moved = await manager.update(WishDispatchEntity, { id: dispatch.id, status: 'pending' }, { status: 'escalated', escalatedAt: now });
        if (!moved.affected) return;
        const ctx = await this.contexts.load(manager, dispatch.wishId, undefined);
        if (ctx.wish.status === 'published') {
          await this.wishes.transition(manager, ctx.wish, 'escalate', SYSTEM_ACTOR, {}, `派单 ${this.config.wishes.dispatchAnswerDays} 天未答复，升级至工委督办`);
        }
        count += 1;
      });
    }
    if (count) this.logger.log(`escalated ${count} dispatch(es)`);
    return count;
  }
}
