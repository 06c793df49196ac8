import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { AppException } from '../../common/errors/app.exception';
import { DomainEvents } from '../../common/events/domain-events';
import { SYSTEM_ACTOR } from '../../common/workflow/actor';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { JobRegistry } from '../jobs/job-registry.service';
import { WorkflowService } from '../workflow/workflow.service';
import { AgreementContextService } from './agreement-context.service';
import { AgreementEntity } from './agreement.entity';
import './agreements.events';
import { AGREEMENT_WORKFLOW } from './agreements.policy';
import { AgreementsRepository } from './agreements.repository';
import { addDays, cstDate, daysLeft, termEnd } from './agreements.rules';

export interface AgreementJobsResult {
  reminded: number;
  expired: number;
}

/** Time-driven work on agreements: the reminder before a term ends (both sides, once), and expiry after it. */
@Injectable()
export class AgreementJobsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contexts: AgreementContextService,
    private readonly repository: AgreementsRepository,
    private readonly workflow: WorkflowService,
    private readonly events: DomainEvents,
    private readonly jobs: JobRegistry,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'agreements', run: () => this.runOnce() });
  }

  async runOnce(): Promise<AgreementJobsResult> {
    return { reminded: await this.remind(), expired: await this.expire() };
  }

  /** Both sides are told `remindDaysBefore` days before the last day of the term, once (a conditional update). */
  async remind(): Promise<number> {
    const now = this.clock.now();
    const today = cstDate(now);
    let count = 0;
    for (const due of await this.repository.toRemind(today, addDays(today, this.config.agreements.remindDaysBefore))) {
      await inTransaction(this.dataSource, async (manager) => {
        if (!(await this.repository.markReminded(manager, due.id, now))) return;
        const ctx = await this.contexts.loadForSystem(manager, due.id);
        count += 1;
        await this.events.publish(manager, 'agreement.expiring', {
          agreement: this.contexts.ref(ctx.agreement, ctx),
          daysLeft: daysLeft(ctx.agreement.endDate, now),
          ...(await this.contexts.sides(manager, ctx.agreement, ctx)),
        });
      });
    }
    return count;
  }

  /** Agreements whose term is over move to expired; the timeline says so, both sides are told. */
  async expire(): Promise<number> {
    let count = 0;
    for (const due of await this.repository.dueToExpire(cstDate(this.clock.now()))) {
      try {
        await inTransaction(this.dataSource, async (manager) => {
          const ctx = await this.contexts.loadForSystem(manager, due.id);
          AGREEMENT_WORKFLOW.require('expire', ctx.agreement.status, ctx.rel);
          await this.workflow.transition(manager, {
            workflow: AGREEMENT_WORKFLOW,
            subjectType: 'agreement',
            entity: AgreementEntity,
            id: due.id,
            from: ctx.agreement.status,
            action: 'expire',
            actor: SYSTEM_ACTOR,
            changes: { endedAt: termEnd(ctx.agreement.endDate) },
            note: `协议期限至 ${ctx.agreement.endDate}，已到期`,
            stale: '该协议刚刚已被处理',
          });
          await this.events.publish(manager, 'agreement.expired', {
            agreement: this.contexts.ref(ctx.agreement, ctx),
            actor: SYSTEM_ACTOR,
            ...(await this.contexts.sides(manager, ctx.agreement, ctx)),
          });
          count += 1;
        });
      } catch (error) {
        // Another instance (or a person ending it early) got there first: its conditional update won.
        if (!(error instanceof AppException)) throw error;
      }
    }
    return count;
  }
}
