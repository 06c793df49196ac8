import { Injectable, OnModuleInit } from '@nestjs/common';
import { DomainEvents } from '../../../common/events/domain-events';
import type {} from '../../posts/posts.events';
import { shiftCredit } from '../../posts/posts.types';
import { LedgerService } from '../ledger.service';

/** A confirmed service-post shift → the member's ledger, exactly once per shift (kind service_post_shift). */
@Injectable()
export class ServicePostCreditsSubscriber implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly ledger: LedgerService,
  ) {}

  onModuleInit(): void {
    this.events.on('post_shift.confirmed', async (manager, e) => {
      await this.ledger.credit(manager, shiftCredit(e.post, e.shift));
    });
  }
}
