import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../../common/events/domain-events';
import type {} from '../../pledges/pledges.events';
import { LedgerService } from '../ledger.service';

/**
 * 践诺 in the ledger: a done pledge is credited to its member once (source `pledge`, kind `pledge_done`), under
 * the category the member chose, where they live. No minutes: a pledge is a commitment kept, not timed service —
 * the hours spent on it come from the activities and post shifts it was kept through, which the ledger already
 * counts; crediting minutes here would count them twice.
 */
@Injectable()
export class PledgeCreditsSubscriber implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly ledger: LedgerService,
  ) {}

  onModuleInit(): void {
    this.events.on('pledge.done', async (manager, e) => {
      await this.ledger.credit(manager, {
        memberId: e.pledge.memberId,
        organisationId: null,
        kind: 'pledge_done',
        sourceType: 'pledge',
        sourceId: e.pledge.id,
        minutes: 0,
        description: `践诺：${e.pledge.content}`,
        occurredAt: e.at,
        communityId: e.pledge.communityId,
        streetId: e.pledge.streetId,
        category: e.pledge.category,
      });
    });
  }
}
