import { Injectable, OnModuleInit } from '@nestjs/common';
import type { CommitmentCategory, Delivery } from '@nuancheng/shared';
import { DataSource, EntityManager, In } from 'typeorm';
import { addToRollup, type RollupTable } from '../../common/database/rollup';
import { DomainEvents } from '../../common/events/domain-events';
import { backfillAgreementDeliveries, DELIVERING_STATUSES } from '../../database/migrations/agreement-deliveries-backfill';
import type { LedgerEntryRecorded } from '../ledger/ledger.events';
import { LedgerService } from '../ledger/ledger.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { AgreementDeliveryEntity } from './agreement-delivery.entity';
import { AgreementEntity } from './agreement.entity';
import { dayStart, termEnd } from './agreements.rules';

/**
 * What partners delivered against their agreements (issue 10: the city dashboard counted it with one pass per
 * street over its raw entries, ~100 ms each), kept per (agreement, category) in agreement_deliveries, exact:
 * - each ledger entry is added, in the transaction that writes it (ledger.entry_recorded), to the agreements of its
 *   street it counts for (window, community, partner's subtree), with addToRollup (merged, key-ordered upsert);
 * - when an agreement's window changes — countersigned (in force), ended early — its rows are recomputed from the
 *   entries with the ledger's own delivery count (expiry keeps the window; nothing else changes a delivering one).
 *
 * Races between the two: the credit reads its street's agreements with a shared lock (all of them, whatever their
 * state, so a countersignature's update of a proposed one conflicts), and an agreement command locks its
 * agreement first, before any plain read. So either the credit waits and then reads the agreement as committed
 * (its new window), or the command waits and its snapshot, taken after the credit committed, counts the entry.
 * SQLite runs one transaction at a time. A transaction that credits an entry and then recomputes an agreement
 * would count the entry twice; no command does both.
 */
export const AGREEMENT_DELIVERIES: RollupTable<'services' | 'minutes' | 'valueYuan'> = {
  name: 'agreement_deliveries',
  keys: ['agreementId', 'category'],
  sums: ['services', 'minutes', 'valueYuan'],
};

export { agreementDeliveriesFromEntries, backfillAgreementDeliveries } from '../../database/migrations/agreement-deliveries-backfill';

/** What the window of delivery needs of an agreement. */
export type DeliveryWindowOf = Pick<AgreementEntity, 'status' | 'startDate' | 'endDate' | 'endedAt'>;

/** The term delivery counts in, [from, to); null when the agreement was never in force. */
export function deliveryWindow(a: DeliveryWindowOf): { from: Date; to: Date } | null {
  if (!(DELIVERING_STATUSES as readonly string[]).includes(a.status)) return null;
  const end = termEnd(a.endDate);
  return { from: dayStart(a.startDate), to: a.status === 'ended_early' && a.endedAt && a.endedAt < end ? a.endedAt : end };
}

const isSqlite = (manager: EntityManager) => manager.connection.options.type === 'better-sqlite3';

/** Recomputes the whole table from the entries (bulk writers: the demo seed after inserting entries directly). */
export async function rebuildAgreementDeliveries(manager: EntityManager): Promise<void> {
  await manager.query('DELETE FROM `agreement_deliveries`');
  await backfillAgreementDeliveries((sql, params) => manager.query(sql, params), isSqlite(manager) ? 'sqlite' : 'mysql');
}

@Injectable()
export class AgreementDeliveriesService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
    private readonly ledger: LedgerService,
    private readonly organisations: OrganisationsService,
  ) {}

  onModuleInit(): void {
    this.events.on('ledger.entry_recorded', (manager, e) => this.record(manager, e.entry));
  }

  /** Adds an entry to the agreements it counts for: those of its street (a few), read with a shared lock. */
  private async record(manager: EntityManager, entry: LedgerEntryRecorded['entry']): Promise<void> {
    if (!entry.streetId || !entry.category) return;
    const agreements = await manager.find(AgreementEntity, {
      where: { streetId: entry.streetId },
      select: { id: true, status: true, organisationId: true, communityId: true, startDate: true, endDate: true, endedAt: true },
      ...(isSqlite(manager) ? {} : { lock: { mode: 'pessimistic_read' as const } }),
    });
    const at = entry.occurredAt.getTime();
    const candidates = agreements.filter((a) => {
      const window = deliveryWindow(a);
      return window && window.from.getTime() <= at && at < window.to.getTime() && (!a.communityId || a.communityId === entry.communityId);
    });
    if (!candidates.length) return;
    const own = [entry.unitId, entry.branchId, entry.organisationId].filter((id): id is string => !!id);
    const nodes = await this.organisations.nodesOf([...own, ...candidates.map((a) => a.organisationId)], manager);
    const paths = own.map((id) => nodes.get(id)?.path).filter((p): p is string => !!p);
    const net = entry.correctsEntryId ? -1 : 1;
    for (const a of candidates) {
      const partner = nodes.get(a.organisationId)?.path;
      if (!partner || !paths.some((p) => p.startsWith(partner))) continue;
      await addToRollup(manager, AGREEMENT_DELIVERIES, [a.id, entry.category], { services: net, minutes: entry.serviceMinutes, valueYuan: entry.valueYuan });
    }
  }

  /**
   * Takes an agreement's lock before a command reads anything (see the races above): the first statement of an
   * agreement command's transaction.
   */
  async lock(manager: EntityManager, id: string): Promise<void> {
    if (!isSqlite(manager)) await manager.findOne(AgreementEntity, { where: { id }, select: { id: true }, lock: { mode: 'pessimistic_write' } });
  }

  /** An agreement's rows computed again from the entries, after its window changed (`path`: its organisation's). */
  async recompute(manager: EntityManager, a: Pick<AgreementEntity, 'id' | 'streetId' | 'communityId'> & DeliveryWindowOf, path: string): Promise<void> {
    await manager.delete(AgreementDeliveryEntity, { agreementId: a.id });
    const window = deliveryWindow(a);
    if (!window) return;
    const rows = await this.ledger.deliveryAgainst([{ key: a.id, path, streetId: a.streetId, communityId: a.communityId, ...window }], manager);
    if (rows.length) {
      await manager.insert(
        AgreementDeliveryEntity,
        rows.map((r) => ({ agreementId: a.id, category: r.category, services: r.services, minutes: r.minutes, valueYuan: r.valueYuan })),
      );
    }
  }

  /** Delivery of each agreement by category (no rows: nothing delivered, or never in force). */
  async of(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, Map<CommitmentCategory, Delivery>>> {
    const result = new Map<string, Map<CommitmentCategory, Delivery>>(ids.map((id) => [id, new Map()]));
    if (!ids.length) return result;
    const rows = await manager.find(AgreementDeliveryEntity, { where: { agreementId: In([...new Set(ids)]) } });
    for (const r of rows) result.get(r.agreementId)?.set(r.category, { services: r.services, minutes: r.minutes, valueYuan: r.valueYuan });
    return result;
  }
}
