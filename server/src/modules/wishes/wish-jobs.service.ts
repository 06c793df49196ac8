import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { AppException } from '../../common/errors/app.exception';
import { DomainEvents } from '../../common/events/domain-events';
import { SYSTEM_ACTOR } from '../../common/workflow/actor';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { JobRegistry } from '../jobs/job-registry.service';
import { DispatchesService } from './dispatches.service';
import { WishContextService } from './wish-context.service';
import { WishesRepository } from './wishes.repository';
import { addDays } from './wishes.rules';
import { WishesService } from './wishes.service';

export interface WishJobsResult {
  reminded: number;
  released: number;
  escalated: number;
}

/** Time-driven work on wishes: deadline reminders, releasing expired claims, escalating unanswered dispatches. */
@Injectable()
export class WishJobsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contexts: WishContextService,
    private readonly wishes: WishesService,
    private readonly dispatches: DispatchesService,
    private readonly repository: WishesRepository,
    private readonly events: DomainEvents,
    private readonly jobs: JobRegistry,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'wishes', run: () => this.runOnce() });
  }

  async runOnce(): Promise<WishJobsResult> {
    return { reminded: await this.remind(), released: await this.releaseExpired(), escalated: await this.escalate() };
  }

  /** Dispatches nobody answered in time go to the committee's board. */
  escalate(): Promise<number> {
    return this.dispatches.escalateDue();
  }

  /** Claimants are told `remindDaysBefore` days before their deadline, once. */
  async remind(): Promise<number> {
    const now = this.clock.now();
    let count = 0;
    for (const claim of await this.repository.claimsToRemind(addDays(now, this.config.wishes.remindDaysBefore))) {
      if (claim.deadline.getTime() < now.getTime()) continue; // expiry handles it
      await inTransaction(this.dataSource, async (manager) => {
        if (!(await this.repository.markReminded(manager, claim.id, now))) return;
        const wish = (await this.repository.findWish(manager, claim.wishId))!;
        count += 1;
        const daysLeft = Math.max(1, Math.ceil((claim.deadline.getTime() - now.getTime()) / 86400000));
        await this.events.publish(manager, 'wish.claim_due_soon', { wish: this.contexts.ref(wish), claim: this.contexts.claimRef(claim), daysLeft });
      });
    }
    return count;
  }

  /** Claims past their deadline are released: the wish goes back on the wall and the claimant is told. */
  async releaseExpired(): Promise<number> {
    let count = 0;
    for (const claim of await this.repository.expiredClaims(this.clock.now())) {
      try {
        await inTransaction(this.dataSource, async (manager) => {
          const ctx = await this.contexts.loadForSystem(manager, claim.wishId);
          if (ctx.wish.status !== 'claimed' || ctx.claim?.id !== claim.id) return;
          await this.wishes.endClaim(manager, ctx, 'expire', 'expired', SYSTEM_ACTOR, '超过认领期限未圆梦，自动释放');
          count += 1;
        });
      } catch (error) {
        // Another instance got there first: its conditional update won, ours changed nothing.
        if (!(error instanceof AppException)) throw error;
      }
    }
    return count;
  }
}
