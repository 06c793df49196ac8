import { Injectable, OnModuleInit } from '@nestjs/common';
import { commitmentCategoryOfWish } from '@nuancheng/shared';
import { DomainEvents } from '../../common/events/domain-events';
import type {} from '../projects/projects.events';
import type {} from '../wishes/wishes.events';
import { LedgerService } from './ledger.service';

/** What the programme credits, and to whom: a confirmed wish to its claimant, a project's progress to its unit. */
@Injectable()
export class LedgerCreditsSubscriber implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly ledger: LedgerService,
  ) {}

  onModuleInit(): void {
    this.events.on('wish.confirmed', async (manager, e) => {
      await this.ledger.credit(manager, {
        memberId: e.claim.memberId,
        organisationId: e.claim.organisationId,
        kind: 'wish_fulfilled',
        sourceType: 'wish',
        sourceId: e.wish.id,
        valueYuan: e.valueYuan,
        description: `圆梦微心愿：${e.wish.title}`,
        occurredAt: e.at,
        communityId: e.wish.communityId,
        streetId: e.wish.streetId,
        category: commitmentCategoryOfWish(e.wish.category),
      });
    });
    this.events.on('project.progressed', async (manager, e) => {
      await this.ledger.credit(manager, {
        memberId: null,
        organisationId: e.organisationId,
        kind: 'project_update',
        sourceType: 'project_update',
        sourceId: e.updateId,
        description: `民生实事进展：${e.project.title}（${e.percent}%）`,
        occurredAt: e.at,
        communityId: e.project.communityId,
        streetId: e.project.streetId,
        category: e.project.category,
      });
    });
  }
}
