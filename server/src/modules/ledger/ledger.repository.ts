import { Injectable } from '@nestjs/common';
import { readManager } from '../../common/database/read-replicas';
import type { CommitmentCategory, LedgerKind } from '@nuancheng/shared';
import { DataSource, EntityManager } from 'typeorm';
import type { SqlCondition } from '../../common/access/list-scope';
import { isUniqueViolation } from '../../common/errors/error.filter';
import { DomainEvents } from '../../common/events/domain-events';
import { LedgerEntryEntity } from './ledger-entry.entity';
import { cstYearStart, monthKeysBetween, periodKeysOf, recordLedgerTotals } from './ledger-totals';
import type { DashboardScope } from '../../common/supervision/dashboard';
import './ledger.events';
import { deliveryOfWindow, deliveryPassStatement } from '../../database/migrations/agreement-deliveries-backfill';

export interface EntryRow {
  id: string;
  kind: LedgerKind;
  serviceMinutes: number;
  valueYuan: number;
  description: string;
  communityId: string | null;
  streetId: string | null;
  sourceType: string;
  sourceId: string;
  correctsEntryId: string | null;
  reason: string | null;
  corrected: boolean;
  occurredAt: Date;
}

/** One entry as the ledger export writes it, with the names of its places and people at the time. */
export interface LedgerExportRow {
  id: string;
  occurredAt: Date;
  kind: LedgerKind;
  description: string;
  serviceMinutes: number;
  valueYuan: number;
  correctsEntryId: string | null;
  reason: string | null;
  memberName: string | null;
  organisationName: string | null;
  community: string | null;
  street: string | null;
  branch: string | null;
  unit: string | null;
}

export interface KindTotal {
  kind: LedgerKind;
  minutes: number;
  valueYuan: number;
  entries: number;
}

/** Minutes and net entries at one place (community and street served; null when not tied to a place). */
export interface PlaceTotal {
  communityId: string | null;
  streetId: string | null;
  minutes: number;
  entries: number;
}

export interface MemberServed {
  memberId: string;
  minutes: number;
  entries: number;
}

/** A credit as a certificate lists it. */
export interface LiveEntry {
  id: string;
  kind: LedgerKind;
  minutes: number;
  valueYuan: number;
  description: string;
  communityId: string | null;
  streetId: string | null;
  occurredAt: Date;
}

/** The ledger's part of the supervision dashboard. */
export interface LedgerDashboard {
  minutes: number;
  membersServed: number;
  monthlyMinutes: number[];
  units: Array<{ unitId: string; minutes: number; services: number }>;
}

/** Whose entries a read covers: a member's (optionally only in some streets) or an organisation's. */
export interface LedgerOwner {
  memberId?: string;
  organisationId?: string;
  streetIds?: string[];
}

/**
 * One place and term to count delivery in, for one partner: entries credited to the organisation at `path` or to
 * anything under it (its members, branches, party committees), served in `streetId` (and `communityId` when set),
 * occurring in [from, to).
 */
export interface DeliveryTarget {
  key: string;
  path: string;
  streetId: string;
  communityId: string | null;
  from: Date;
  to: Date;
}

export interface DeliveryRow {
  key: string;
  category: CommitmentCategory;
  services: number;
  minutes: number;
  valueYuan: number;
}

const placeholders = (list: readonly unknown[]) => list.map(() => '?').join(', ');

/** Targets summed in one pass over a street's entries (four columns each). */
const DELIVERY_TARGETS_PER_PASS = 16;

/** Every query of ledger_entries. */
@Injectable()
export class LedgerRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: DomainEvents,
  ) {}

  /**
   * Inserts a credit or correction and adds it to the rollups in the same transaction (ledger-totals.ts;
   * `regionIds`: its street's path) and publishes ledger.entry_recorded for other modules' rollups; false
   * when this source event is already credited (the unique index referees races too; nothing is added then).
   */
  async insert(manager: EntityManager, entry: LedgerEntryEntity, regionIds: string[]): Promise<boolean> {
    try {
      await manager.insert(LedgerEntryEntity, entry);
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
    await recordLedgerTotals(manager, entry, regionIds);
    await this.events.publish(manager, 'ledger.entry_recorded', { entry });
    return true;
  }

  /** How many entries of this source (and kind) a correction has negated: the sequence a new credit takes. */
  async correctedCount(manager: EntityManager, sourceType: string, sourceId: string, kind: LedgerKind): Promise<number> {
    const rows: Array<{ n: number | string }> = await manager.query(
      'SELECT COUNT(*) AS `n` FROM `ledger_entries` `e` WHERE `e`.`sourceType` = ? AND `e`.`sourceId` = ? AND `e`.`kind` = ? ' +
        'AND EXISTS (SELECT 1 FROM `ledger_entries` `c` WHERE `c`.`correctsEntryId` = `e`.`id`)',
      [sourceType, sourceId, kind],
    );
    return Number(rows[0]?.n ?? 0);
  }

  find(manager: EntityManager, id: string): Promise<LedgerEntryEntity | null> {
    return manager.findOneBy(LedgerEntryEntity, { id });
  }

  async isCorrected(manager: EntityManager, id: string): Promise<boolean> {
    return manager.existsBy(LedgerEntryEntity, { correctsEntryId: id });
  }

  private ownerWhere(owner: LedgerOwner, from: Date, to: Date): { sql: string; params: unknown[] } {
    const parts: string[] = [];
    const params: unknown[] = [];
    if (owner.memberId) {
      parts.push('`e`.`memberId` = ?');
      params.push(owner.memberId);
    }
    if (owner.organisationId) {
      parts.push('`e`.`organisationId` = ?');
      params.push(owner.organisationId);
    }
    if (owner.streetIds) {
      parts.push(owner.streetIds.length ? `\`e\`.\`streetId\` IN (${placeholders(owner.streetIds)})` : '1 = 0');
      params.push(...owner.streetIds);
    }
    parts.push('`e`.`occurredAt` >= ?', '`e`.`occurredAt` < ?');
    params.push(this.sqlDate(from), this.sqlDate(to));
    return { sql: parts.join(' AND '), params };
  }

  /** A page of entries, newest first, each with whether a later correction negated it. */
  async page(owner: LedgerOwner, from: Date, to: Date, page: number, pageSize: number): Promise<{ rows: EntryRow[]; total: number }> {
    const where = this.ownerWhere(owner, from, to);
    const raw: Array<Record<string, unknown>> = await this.dataSource.query(
      'SELECT `e`.`id` AS `id`, `e`.`kind` AS `kind`, `e`.`serviceMinutes` AS `serviceMinutes`, `e`.`valueYuan` AS `valueYuan`, `e`.`description` AS `description`, ' +
        '`e`.`communityId` AS `communityId`, `e`.`streetId` AS `streetId`, `e`.`sourceType` AS `sourceType`, `e`.`sourceId` AS `sourceId`, ' +
        '`e`.`correctsEntryId` AS `correctsEntryId`, `e`.`reason` AS `reason`, `e`.`occurredAt` AS `occurredAt`, ' +
        'EXISTS (SELECT 1 FROM `ledger_entries` `c` WHERE `c`.`correctsEntryId` = `e`.`id`) AS `corrected`, ' +
        `(SELECT COUNT(*) FROM \`ledger_entries\` \`e\` WHERE ${where.sql}) AS \`total\` ` +
        `FROM \`ledger_entries\` \`e\` WHERE ${where.sql} ORDER BY \`e\`.\`occurredAt\` DESC, \`e\`.\`id\` DESC LIMIT ${Number(pageSize)} OFFSET ${(Number(page) - 1) * Number(pageSize)}`,
      [...where.params, ...where.params],
    );
    let total = raw.length ? Number(raw[0].total) : 0;
    if (!raw.length && page > 1) total = (await this.totals(owner, from, to)).reduce((n, t) => n + t.rawEntries, 0);
    return {
      rows: raw.map((r) => ({
        id: r.id as string,
        kind: r.kind as LedgerKind,
        serviceMinutes: Number(r.serviceMinutes),
        valueYuan: Number(r.valueYuan),
        description: r.description as string,
        communityId: (r.communityId as string | null) ?? null,
        streetId: (r.streetId as string | null) ?? null,
        sourceType: r.sourceType as string,
        sourceId: r.sourceId as string,
        correctsEntryId: (r.correctsEntryId as string | null) ?? null,
        reason: (r.reason as string | null) ?? null,
        corrected: Number(r.corrected) === 1,
        occurredAt: this.hydrate(r.occurredAt),
      })),
      total,
    };
  }

  /**
   * Sums per kind over a period, computed from the entries: a correction counts against the kind of the entry it
   * negates, so totals by kind stay right after corrections. `entries` counts credits less corrected ones.
   */
  async totals(owner: LedgerOwner, from: Date, to: Date, manager: EntityManager = this.dataSource.manager): Promise<Array<KindTotal & { rawEntries: number }>> {
    const where = this.ownerWhere(owner, from, to);
    const rows: Array<Record<string, unknown>> = await manager.query(
      'SELECT COALESCE(`o`.`kind`, `e`.`kind`) AS `kind`, SUM(`e`.`serviceMinutes`) AS `minutes`, SUM(`e`.`valueYuan`) AS `valueYuan`, ' +
        'SUM(CASE WHEN `e`.`correctsEntryId` IS NULL THEN 1 ELSE -1 END) AS `entries`, COUNT(*) AS `rawEntries` ' +
        `FROM \`ledger_entries\` \`e\` LEFT JOIN \`ledger_entries\` \`o\` ON \`o\`.\`id\` = \`e\`.\`correctsEntryId\` WHERE ${where.sql} GROUP BY COALESCE(\`o\`.\`kind\`, \`e\`.\`kind\`)`,
      where.params,
    );
    return rows.map((r) => ({ kind: r.kind as LedgerKind, minutes: Number(r.minutes), valueYuan: Number(r.valueYuan), entries: Number(r.entries), rawEntries: Number(r.rawEntries) }));
  }

  /**
   * Dashboard: net minutes served in these streets in the window [1 January, to), members with net service there,
   * minutes per month of the series, and the units by minutes (at most `top`). Read from the rollups
   * (ledger-totals.ts) at `regionIds`: the streets, or the one region whose streets they are all (a district's or
   * the city's own rows, where each member has one row: counted without grouping); minus the entries
   * dated from `to` to the year's end (none unless an entry is dated in the future: an empty range of the street
   * index), so each figure equals its count over the entries.
   */
  async dashboard(scope: DashboardScope, top: number, regionIds: string[] = scope.streetIds): Promise<LedgerDashboard> {
    const empty: LedgerDashboard = { minutes: 0, membersServed: 0, monthlyMinutes: scope.months.map(() => 0), units: [] };
    if (!scope.streetIds.length) return empty;
    const [year] = periodKeysOf(scope.from);
    const yearEnd = cstYearStart(Number(year) + 1);
    if (cstYearStart(Number(year)).getTime() !== scope.from.getTime() || scope.to.getTime() > yearEnd.getTime()) throw new Error('The dashboard window is a year to date');
    const m = readManager(this.dataSource);
    const regions = placeholders(regionIds);
    const yearMonths = monthKeysBetween(scope.from, yearEnd);
    const series = scope.months.map((month) => month.key);
    const allMonths = [...new Set([...yearMonths, ...series])];
    type Rows = Array<Record<string, unknown>>;
    const [months, units, members, tail] = await Promise.all([
      m.query<Rows>(
        `SELECT \`t\`.\`month\` AS \`month\`, SUM(\`t\`.\`minutes\`) AS \`minutes\` FROM \`ledger_unit_months\` \`t\` WHERE \`t\`.\`regionId\` IN (${regions}) AND \`t\`.\`month\` IN (${placeholders(allMonths)}) GROUP BY \`t\`.\`month\``,
        [...regionIds, ...allMonths],
      ),
      m.query<Rows>(
        'SELECT `t`.`unitId` AS `unitId`, SUM(`t`.`minutes`) AS `minutes`, SUM(`t`.`services`) AS `services`, SUM(`t`.`entries`) AS `entries` FROM `ledger_unit_months` `t` ' +
          `WHERE \`t\`.\`regionId\` IN (${regions}) AND \`t\`.\`month\` IN (${placeholders(yearMonths)}) AND \`t\`.\`unitId\` <> '' GROUP BY \`t\`.\`unitId\``,
        [...regionIds, ...yearMonths],
      ),
      this.countServed(m, regionIds, year),
      scope.to.getTime() < yearEnd.getTime()
        ? m.query<Rows>(
            'SELECT `e`.`memberId` AS `memberId`, `e`.`unitId` AS `unitId`, `e`.`serviceMinutes` AS `minutes`, `e`.`correctsEntryId` AS `correctsEntryId` FROM `ledger_entries` `e` ' +
              `WHERE \`e\`.\`streetId\` IN (${placeholders(scope.streetIds)}) AND \`e\`.\`occurredAt\` >= ? AND \`e\`.\`occurredAt\` < ?`,
            [...scope.streetIds, this.sqlDate(scope.to), this.sqlDate(yearEnd)],
          )
        : Promise.resolve<Rows>([]),
    ]);
    const byMonth = new Map(months.map((r) => [String(r.month), Number(r.minutes)]));
    const ranked = new Map(units.map((r) => [String(r.unitId), { unitId: String(r.unitId), minutes: Number(r.minutes), services: Number(r.services), entries: Number(r.entries) }]));
    let minutes = yearMonths.reduce((n, key) => n + (byMonth.get(key) ?? 0), 0);
    let membersServed = members;
    if (tail.length) {
      const later = new Map<string, number>();
      for (const e of tail) {
        const net = e.correctsEntryId ? -1 : 1;
        minutes -= Number(e.minutes);
        const unit = e.unitId ? ranked.get(String(e.unitId)) : undefined;
        if (unit) {
          unit.minutes -= Number(e.minutes);
          unit.services -= net;
          unit.entries -= 1;
        }
        if (e.memberId) later.set(String(e.memberId), (later.get(String(e.memberId)) ?? 0) + net);
      }
      // The members with later entries: counted on the year's net, now on the window's.
      const ids = [...later.keys()];
      const nets: Array<Record<string, unknown>> = await m.query(
        `SELECT \`t\`.\`memberId\` AS \`memberId\`, SUM(\`t\`.\`services\`) AS \`services\` FROM \`ledger_member_periods\` \`t\` WHERE \`t\`.\`period\` = ? AND \`t\`.\`regionId\` IN (${regions}) ` +
          `AND \`t\`.\`memberId\` IN (${placeholders(ids)}) GROUP BY \`t\`.\`memberId\``,
        [year, ...regionIds, ...ids],
      );
      for (const r of nets) {
        const net = Number(r.services);
        membersServed += (net - later.get(String(r.memberId))! > 0 ? 1 : 0) - (net > 0 ? 1 : 0);
      }
    }
    return {
      minutes,
      membersServed,
      monthlyMinutes: series.map((key) => byMonth.get(key) ?? 0),
      units: [...ranked.values()]
        .filter((u) => u.entries > 0)
        .sort((a, b) => b.minutes - a.minutes || (a.unitId < b.unitId ? -1 : a.unitId > b.unitId ? 1 : 0))
        .slice(0, Number(top))
        .map(({ unitId, minutes: unitMinutes, services }) => ({ unitId, minutes: unitMinutes, services })),
    };
  }

  /**
   * The members with net service in these streets in a half year or year (its ledger.period key), as a derived
   * table of one column `memberId` for another module's statement to join (the reports' rates), read from the
   * rollup.
   */
  servedInPeriod(regionIds: string[], periodKey: string): SqlCondition {
    // One region's rows are one per member: no grouping (a district's or the city's ~50,000 rows).
    if (regionIds.length === 1) {
      return {
        sql: 'SELECT `t`.`memberId` AS `memberId` FROM `ledger_member_periods` `t` WHERE `t`.`period` = ? AND `t`.`regionId` = ? AND `t`.`services` > 0',
        params: [periodKey, regionIds[0]],
      };
    }
    return {
      sql:
        'SELECT `t`.`memberId` AS `memberId` FROM `ledger_member_periods` `t` ' +
        `WHERE \`t\`.\`period\` = ? AND \`t\`.\`regionId\` IN (${placeholders(regionIds)}) GROUP BY \`t\`.\`memberId\` HAVING SUM(\`t\`.\`services\`) > 0`,
      params: [periodKey, ...regionIds],
    };
  }

  /** A condition on `memberColumn`: the member has net service at these regions in a period (probes of the rollup's key). */
  servedMember(regionIds: string[], periodKey: string, memberColumn: string): SqlCondition {
    if (!regionIds.length) return { sql: '1 = 0', params: [] };
    const rows = `FROM \`ledger_member_periods\` \`t\` WHERE \`t\`.\`period\` = ? AND \`t\`.\`regionId\` IN (${placeholders(regionIds)}) AND \`t\`.\`memberId\` = ${memberColumn}`;
    return {
      sql: regionIds.length === 1 ? `EXISTS (SELECT 1 ${rows} AND \`t\`.\`services\` > 0)` : `(SELECT SUM(\`t\`.\`services\`) ${rows}) > 0`,
      params: [periodKey, ...regionIds],
    };
  }

  /**
   * How many members have net service at these regions in a period (a ledger.period key), from the rollup: one
   * region's rows counted as they are (one per member), several regions' grouped by member.
   */
  async countServed(manager: EntityManager, regionIds: string[], periodKey: string): Promise<number> {
    if (!regionIds.length) return 0;
    const served = this.servedInPeriod(regionIds, periodKey);
    const sql =
      regionIds.length === 1
        ? 'SELECT COUNT(*) AS `n` FROM `ledger_member_periods` `t` WHERE `t`.`period` = ? AND `t`.`regionId` = ? AND `t`.`services` > 0'
        : `SELECT COUNT(*) AS \`n\` FROM (${served.sql}) \`s\``;
    const rows: Array<{ n: number | string }> = await manager.query(sql, served.params);
    return Number(rows[0]?.n ?? 0);
  }

  /**
   * Delivery by category for each target. An entry counts for a partner when its unit, branch or organisation lies
   * in the partner's subtree (once, however many of the three do); corrections carry the corrected entry's place
   * and category with negated values, so they subtract, and count −1 service.
   *
   * One pass per street (at most DELIVERY_TARGETS_PER_PASS targets each), not one per target: the street's entries
   * in the targets' span are grouped by (category, unit, branch, organisation, community) with each target's window
   * summed in its own columns, read from the street's covering index; the subtree and community tests are then made
   * once per group (they depend on those columns only), here.
   */
  async delivery(targets: DeliveryTarget[], manager: EntityManager = this.dataSource.manager): Promise<DeliveryRow[]> {
    if (!targets.length) return [];
    const byStreet = new Map<string, DeliveryTarget[]>();
    for (const t of targets) byStreet.set(t.streetId, [...(byStreet.get(t.streetId) ?? []), t]);
    const passes: Array<{ streetId: string; targets: DeliveryTarget[] }> = [];
    for (const [streetId, list] of byStreet) {
      for (let i = 0; i < list.length; i += DELIVERY_TARGETS_PER_PASS) passes.push({ streetId, targets: list.slice(i, i + DELIVERY_TARGETS_PER_PASS) });
    }
    // The organisations in any target's subtree, with their paths (a few hundred at most): only entries credited to
    // one of them can count, so a pass groups those alone.
    const subtree = [...new Set(targets.map((t) => t.path))];
    const orgs: Array<{ id: string; path: string }> = await manager.query(
      `SELECT \`o\`.\`id\` AS \`id\`, \`o\`.\`path\` AS \`path\` FROM \`organisations\` \`o\` WHERE ${subtree.map(() => '`o`.`path` LIKE ?').join(' OR ')}`,
      subtree.map((path) => `${path}%`),
    );
    if (!orgs.length) return [];
    const paths = new Map(orgs.map((o) => [o.id, o.path]));
    const grouped = await Promise.all(
      passes.map((pass) =>
        this.deliveryPass(
          manager,
          pass.streetId,
          pass.targets,
          orgs.filter((o) => pass.targets.some((t) => o.path.startsWith(t.path))).map((o) => o.id),
        ),
      ),
    );
    const result: DeliveryRow[] = [];
    passes.forEach((pass, p) => {
      pass.targets.forEach((t, i) => {
        for (const [category, sums] of deliveryOfWindow(grouped[p], i, t, paths)) result.push({ key: t.key, category: category as CommitmentCategory, ...sums });
      });
    });
    return result;
  }

  /** One street's entries in the targets' span, grouped, with each target's count and sums in columns c/s/m/v<i>. */
  private deliveryPass(manager: EntityManager, streetId: string, targets: DeliveryTarget[], orgIds: string[]): Promise<Array<Record<string, unknown>>> {
    if (!orgIds.length) return Promise.resolve([]);
    const from = new Date(Math.min(...targets.map((t) => t.from.getTime())));
    const to = new Date(Math.max(...targets.map((t) => t.to.getTime())));
    const pass = deliveryPassStatement(
      streetId,
      targets.map((t) => [this.sqlDate(t.from), this.sqlDate(t.to)]),
      [this.sqlDate(from), this.sqlDate(to)],
      orgIds,
    );
    return manager.query(pass.sql, pass.params);
  }

  /**
   * Where a member served in a period, one grouped statement: minutes and net entries per community and street
   * (a correction carries its entry's place, so it counts against it).
   */
  async placesServed(manager: EntityManager, memberId: string, from: Date, to: Date): Promise<PlaceTotal[]> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      'SELECT `e`.`communityId` AS `communityId`, `e`.`streetId` AS `streetId`, SUM(`e`.`serviceMinutes`) AS `minutes`, ' +
        'SUM(CASE WHEN `e`.`correctsEntryId` IS NULL THEN 1 ELSE -1 END) AS `entries` FROM `ledger_entries` `e` ' +
        'WHERE `e`.`memberId` = ? AND `e`.`occurredAt` >= ? AND `e`.`occurredAt` < ? GROUP BY `e`.`communityId`, `e`.`streetId`',
      [memberId, this.sqlDate(from), this.sqlDate(to)],
    );
    return rows.map((r) => ({ communityId: (r.communityId as string | null) ?? null, streetId: (r.streetId as string | null) ?? null, minutes: Number(r.minutes), entries: Number(r.entries) }));
  }

  /**
   * Members with live service in a period inside `scope` (a list-scope condition on `e`), most minutes first: one
   * grouped statement for the page and one for the count.
   */
  async membersServed(manager: EntityManager, scope: SqlCondition, from: Date, to: Date, page: number, pageSize: number): Promise<{ rows: MemberServed[]; total: number }> {
    const where = '`e`.`memberId` IS NOT NULL AND `e`.`occurredAt` >= ? AND `e`.`occurredAt` < ? AND ' + scope.sql;
    const params = [this.sqlDate(from), this.sqlDate(to), ...scope.params];
    const grouped =
      'SELECT `e`.`memberId` AS `memberId`, SUM(`e`.`serviceMinutes`) AS `minutes`, SUM(CASE WHEN `e`.`correctsEntryId` IS NULL THEN 1 ELSE -1 END) AS `entries` ' +
      `FROM \`ledger_entries\` \`e\` WHERE ${where} GROUP BY \`e\`.\`memberId\` HAVING SUM(CASE WHEN \`e\`.\`correctsEntryId\` IS NULL THEN 1 ELSE -1 END) > 0`;
    const [rows, count]: [Array<Record<string, unknown>>, Array<{ n: number | string }>] = await Promise.all([
      manager.query(`${grouped} ORDER BY \`minutes\` DESC, \`memberId\` ASC LIMIT ${Number(pageSize)} OFFSET ${(Number(page) - 1) * Number(pageSize)}`, params),
      manager.query(`SELECT COUNT(*) AS \`n\` FROM (${grouped}) \`t\``, params),
    ]);
    return { rows: rows.map((r) => ({ memberId: r.memberId as string, minutes: Number(r.minutes), entries: Number(r.entries) })), total: Number(count[0]?.n ?? 0) };
  }

  /** Which of these members have net service in these streets in [from, to) (at most 500 members a statement). */
  async servedAmong(manager: EntityManager, memberIds: string[], streetIds: string[], from: Date, to: Date): Promise<Set<string>> {
    const served = new Set<string>();
    if (!streetIds.length) return served;
    for (let i = 0; i < memberIds.length; i += 500) {
      const ids = memberIds.slice(i, i + 500);
      const rows: Array<{ memberId: string }> = await manager.query(
        `SELECT \`e\`.\`memberId\` AS \`memberId\` FROM \`ledger_entries\` \`e\` WHERE \`e\`.\`memberId\` IN (${placeholders(ids)}) AND \`e\`.\`occurredAt\` >= ? AND \`e\`.\`occurredAt\` < ? ` +
          `AND \`e\`.\`streetId\` IN (${placeholders(streetIds)}) GROUP BY \`e\`.\`memberId\` HAVING SUM(CASE WHEN \`e\`.\`correctsEntryId\` IS NULL THEN 1 ELSE -1 END) > 0`,
        [...ids, this.sqlDate(from), this.sqlDate(to), ...streetIds],
      );
      for (const r of rows) served.add(r.memberId);
    }
    return served;
  }

  /** For some members: their minutes per community inside `scope` in a period (the communities column of a list). */
  async placesWithin(manager: EntityManager, scope: SqlCondition, memberIds: string[], from: Date, to: Date): Promise<Array<PlaceTotal & { memberId: string }>> {
    if (!memberIds.length) return [];
    const rows: Array<Record<string, unknown>> = await manager.query(
      'SELECT `e`.`memberId` AS `memberId`, `e`.`communityId` AS `communityId`, `e`.`streetId` AS `streetId`, SUM(`e`.`serviceMinutes`) AS `minutes`, ' +
        'SUM(CASE WHEN `e`.`correctsEntryId` IS NULL THEN 1 ELSE -1 END) AS `entries` FROM `ledger_entries` `e` ' +
        `WHERE \`e\`.\`memberId\` IN (${placeholders(memberIds)}) AND \`e\`.\`occurredAt\` >= ? AND \`e\`.\`occurredAt\` < ? AND ${scope.sql} ` +
        'GROUP BY `e`.`memberId`, `e`.`communityId`, `e`.`streetId`',
      [...memberIds, this.sqlDate(from), this.sqlDate(to), ...scope.params],
    );
    return rows.map((r) => ({
      memberId: r.memberId as string,
      communityId: (r.communityId as string | null) ?? null,
      streetId: (r.streetId as string | null) ?? null,
      minutes: Number(r.minutes),
      entries: Number(r.entries),
    }));
  }

  /**
   * A member's credits in a period as they stood at `asOf`: written by then and not negated by a correction written
   * by then, oldest first. The ledger is append-only, so the same arguments give the same rows forever.
   */
  async liveEntriesAsOf(manager: EntityManager, memberId: string, from: Date, to: Date, asOf: Date): Promise<LiveEntry[]> {
    const cutoff = this.sqlDate(asOf);
    const rows: Array<Record<string, unknown>> = await manager.query(
      'SELECT `e`.`id` AS `id`, `e`.`kind` AS `kind`, `e`.`serviceMinutes` AS `serviceMinutes`, `e`.`valueYuan` AS `valueYuan`, `e`.`description` AS `description`, ' +
        '`e`.`communityId` AS `communityId`, `e`.`streetId` AS `streetId`, `e`.`occurredAt` AS `occurredAt` FROM `ledger_entries` `e` ' +
        'WHERE `e`.`memberId` = ? AND `e`.`occurredAt` >= ? AND `e`.`occurredAt` < ? AND `e`.`createdAt` <= ? AND `e`.`correctsEntryId` IS NULL ' +
        'AND NOT EXISTS (SELECT 1 FROM `ledger_entries` `c` WHERE `c`.`correctsEntryId` = `e`.`id` AND `c`.`createdAt` <= ?) ORDER BY `e`.`occurredAt` ASC, `e`.`id` ASC',
      [memberId, this.sqlDate(from), this.sqlDate(to), cutoff, cutoff],
    );
    return rows.map((r) => ({
      id: r.id as string,
      kind: r.kind as LedgerKind,
      minutes: Number(r.serviceMinutes),
      valueYuan: Number(r.valueYuan),
      description: r.description as string,
      communityId: (r.communityId as string | null) ?? null,
      streetId: (r.streetId as string | null) ?? null,
      occurredAt: this.hydrate(r.occurredAt),
    }));
  }

  /** Distinct streets where a member's entries counted in a period. */
  async streetsServed(memberId: string, from: Date, to: Date): Promise<string[]> {
    const rows: Array<{ streetId: string }> = await this.dataSource.query(
      'SELECT DISTINCT `e`.`streetId` AS `streetId` FROM `ledger_entries` `e` WHERE `e`.`memberId` = ? AND `e`.`streetId` IS NOT NULL AND `e`.`occurredAt` >= ? AND `e`.`occurredAt` < ?',
      [memberId, this.sqlDate(from), this.sqlDate(to)],
    );
    return rows.map((r) => r.streetId);
  }

  /**
   * One page of the export: entries in `scope` with occurredAt in [from, to), in (occurredAt, id) order after the
   * cursor (keyset pagination: the street and branch indexes lead with their column and occurredAt, and the id
   * breaks ties). The cursor is the last row's raw occurredAt as the driver gave it, so it round-trips exactly.
   */
  async exportPage(scope: SqlCondition, from: Date, to: Date, after: { at: unknown; id: string } | null, limit: number): Promise<Array<LedgerExportRow & { cursor: unknown }>> {
    const params: unknown[] = [this.sqlDate(from), this.sqlDate(to), ...scope.params];
    let keyset = '';
    if (after) {
      keyset = ' AND (`e`.`occurredAt` > ? OR (`e`.`occurredAt` = ? AND `e`.`id` > ?))';
      params.push(after.at, after.at, after.id);
    }
    const rows: Array<Record<string, unknown>> = await this.dataSource.manager.query(
      'SELECT `e`.`id` AS `id`, `e`.`occurredAt` AS `occurredAt`, `e`.`kind` AS `kind`, `e`.`description` AS `description`, `e`.`serviceMinutes` AS `serviceMinutes`, ' +
        '`e`.`valueYuan` AS `valueYuan`, `e`.`correctsEntryId` AS `correctsEntryId`, `e`.`reason` AS `reason`, `m`.`name` AS `memberName`, `og`.`name` AS `organisationName`, ' +
        '`c`.`name` AS `community`, `s`.`name` AS `street`, `b`.`name` AS `branch`, `u`.`name` AS `unit` FROM `ledger_entries` `e` ' +
        'LEFT JOIN `members` `m` ON `m`.`id` = `e`.`memberId` LEFT JOIN `organisations` `og` ON `og`.`id` = `e`.`organisationId` ' +
        'LEFT JOIN `regions` `c` ON `c`.`id` = `e`.`communityId` LEFT JOIN `regions` `s` ON `s`.`id` = `e`.`streetId` ' +
        'LEFT JOIN `organisations` `b` ON `b`.`id` = `e`.`branchId` LEFT JOIN `organisations` `u` ON `u`.`id` = `e`.`unitId` ' +
        `WHERE \`e\`.\`occurredAt\` >= ? AND \`e\`.\`occurredAt\` < ? AND ${scope.sql}${keyset} ORDER BY \`e\`.\`occurredAt\` ASC, \`e\`.\`id\` ASC LIMIT ${Number(limit)}`,
      params,
    );
    return rows.map((r) => ({
      id: r.id as string,
      cursor: r.occurredAt,
      occurredAt: this.hydrate(r.occurredAt),
      kind: r.kind as LedgerKind,
      description: r.description as string,
      serviceMinutes: Number(r.serviceMinutes),
      valueYuan: Number(r.valueYuan),
      correctsEntryId: (r.correctsEntryId as string | null) ?? null,
      reason: (r.reason as string | null) ?? null,
      memberName: (r.memberName as string | null) ?? null,
      organisationName: (r.organisationName as string | null) ?? null,
      community: (r.community as string | null) ?? null,
      street: (r.street as string | null) ?? null,
      branch: (r.branch as string | null) ?? null,
      unit: (r.unit as string | null) ?? null,
    }));
  }

  /** A Date as the driver stores occurredAt (for conditions other modules' queries embed). */
  sqlValue(date: Date): unknown {
    return this.sqlDate(date);
  }

  private sqlDate(date: Date): unknown {
    const column = this.dataSource.getMetadata(LedgerEntryEntity).findColumnWithPropertyName('occurredAt')!;
    return this.dataSource.driver.preparePersistentValue(date, column);
  }

  private hydrate(value: unknown): Date {
    const column = this.dataSource.getMetadata(LedgerEntryEntity).findColumnWithPropertyName('occurredAt')!;
    return this.dataSource.driver.prepareHydratedValue(value, column) as Date;
  }
}
