import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * The events modules publish, by name. Each module adds its own with declaration merging in its `*.events.ts`:
 *
 *   declare module '../../common/events/domain-events' {
 *     interface DomainEventMap { 'wish.claimed': WishClaimed }
 *   }
 *
 * so `publish` and `on` are typed end to end while this file knows no module.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DomainEventMap {}

export type DomainEventName = keyof DomainEventMap;

export type DomainEventHandler<K extends DomainEventName> = (manager: EntityManager, event: DomainEventMap[K]) => Promise<void>;

/**
 * A small typed dispatcher rather than @nestjs/event-emitter: subscribers run in the publisher's transaction
 * (the manager is passed on), one after another and awaited, so what they write (an inbox row, a ledger credit,
 * an audit entry) commits or rolls back with the change itself, and a failing subscriber fails the change. Work
 * that may lag (WeChat messages) is written to the outbox by its subscriber, never sent from here.
 */
@Injectable()
export class DomainEvents {
  private readonly logger = new Logger('Events');
  private readonly handlers = new Map<DomainEventName, Array<DomainEventHandler<DomainEventName>>>();

  on<K extends DomainEventName>(name: K, handler: DomainEventHandler<K>): void {
    const list = this.handlers.get(name) ?? [];
    list.push(handler as unknown as DomainEventHandler<DomainEventName>);
    this.handlers.set(name, list);
  }

  async publish<K extends DomainEventName>(manager: EntityManager, name: K, event: DomainEventMap[K]): Promise<void> {
    const list = this.handlers.get(name);
    if (!list) return;
    for (const handler of list) await handler(manager, event);
    this.logger.debug?.(`${String(name)} → ${list.length} subscriber(s)`);
  }

  /** Names with at least one subscriber (for tests and the architecture doc). */
  subscribed(): DomainEventName[] {
    return [...this.handlers.keys()];
  }
}
