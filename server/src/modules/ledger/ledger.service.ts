import { Injectable } from '@nestjs/common';
import { LEDGER_KIND_LABELS, type CommitmentCategory, type LedgerKind, type LedgerPage, type LedgerQuery } from '@nuancheng/shared';
import { DataSource, EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { AppException } from '../../common/errors/app.exception';
import { newId } from '../../common/ids';
import { pathIds } from '../../common/tree/materialised-path';
import { relations } from '../../common/workflow/workflow';
import { AuditService } from '../audit/audit.service';
import { MembersService, type MemberRecord } from '../members/members.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { RegionsService } from '../regions/regions.service';
import { LedgerEntryEntity } from './ledger-entry.entity';
import { periodOf } from './ledger.period';
import { LEDGER_WORKFLOW, type LedgerRelation } from './ledger.policy';
import type { SqlCondition } from '../../common/access/list-scope';
import { datetimeParam, exportPages, scopeCondition, type ExportScope } from '../../common/exports/export-scope';
import {
  LedgerRepository,
  type DeliveryRow,
  type DeliveryTarget,
  type KindTotal,
  type LedgerExportRow,
  type LedgerDashboard,
  type LedgerOwner,
  type LiveEntry,
  type MemberServed,
  type PlaceTotal,
} from './ledger.repository';
import type { DashboardScope } from '../../common/supervision/dashboard';

// What other modules read of the ledger (agreements, reports, certificates): the period helper and the shapes of its reads.
export { periodOf, type Period } from './ledger.period';
export type { DeliveryRow, DeliveryTarget, KindTotal, LedgerDashboard, LedgerExportRow, LiveEntry, MemberServed, PlaceTotal };

export interface CreditInput {
  /** A member's credit, or (memberId null) a unit's. */
  memberId: string | null;
  organisationId: string | null;
  kind: Exclude<LedgerKind, 'correction'>;
  /** The source event: exactly one live credit per (sourceType, sourceId, kind). */
  sourceType: string;
  sourceId: string;
  minutes?: number;
  valueYuan?: number;
  description: string;
  occurredAt: Date;
  /** Where it was served. */
  communityId?: string | null;
  streetId?: string | null;
  /** The resource-list category it delivers (agreements count delivery by it). */
  category?: CommitmentCategory | null;
}

/** Whether the caller organised the source of a ledger entry (for corrections by the organiser). */
export type SourceOrganiser = (manager: EntityManager, principal: Principal, sourceId: string) => Promise<boolean>;

/**
 * 台账 v2: append-only credits, exactly once per source event, with where and for whom they counted at the
 * time; corrections by an authorised person through a route, audited; totals computed from the entries.
 */
@Injectable()
export class LedgerService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: LedgerRepository,
    private readonly members: MembersService,
    private readonly organisations: OrganisationsService,
    private readonly regions: RegionsService,
    private readonly access: AccessService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private readonly sourceOrganisers = new Map<string, SourceOrganiser>();

  /**
   * A module whose sources have an organiser (activities: the attendance's activity) tells the ledger how to tell
   * whether the caller organised a source, so its organiser may correct the entries it credited. A query hook
   * registered at start-up (like RoleAssignmentsService.useDisplayNames): the ledger knows no activity.
   */
  useSourceOrganisers(sourceType: string, resolver: SourceOrganiser): void {
    this.sourceOrganisers.set(sourceType, resolver);
  }

  /**
   * Credits a source event in the caller's transaction. Returns the entry id, or null when the event is already
   * credited (a repeated delivery changes nothing). After a correction the same source may be credited again.
   */
  async credit(manager: EntityManager, input: CreditInput): Promise<string | null> {
    const forWhom = await this.forWhom(manager, input.memberId, input.organisationId);
    const id = newId();
    const inserted = await this.repository.insert(
      manager,
      {
        id,
        memberId: input.memberId,
        organisationId: input.organisationId,
        kind: input.kind,
        sourceType: input.sourceType,
        sourceId: input.sourceId,
        sequence: await this.repository.correctedCount(manager, input.sourceType, input.sourceId, input.kind),
        valueYuan: input.valueYuan ?? 0,
        serviceMinutes: input.minutes ?? 0,
        description: input.description.slice(0, 120),
        communityId: input.communityId ?? null,
        streetId: input.streetId ?? null,
        category: input.category ?? null,
        branchId: forWhom.branchId,
        unitId: forWhom.unitId,
        correctsEntryId: null,
        reason: null,
        createdByUserId: null,
        occurredAt: input.occurredAt,
        createdAt: this.clock.now(),
      },
      await this.placesOf(manager, input.streetId ?? null),
    );
    return inserted ? id : null;
  }

  /** A street with the regions above it (its path), for the rollups of members served (none without a street). */
  private async placesOf(manager: EntityManager, streetId: string | null): Promise<string[]> {
    if (!streetId) return [];
    const street = await this.regions.nodeOf(streetId, manager);
    return street ? pathIds(street.path) : [streetId];
  }

  /** The member's branch and unit now (stored on the entry, so a later roster move leaves history as it was). */
  private async forWhom(manager: EntityManager, memberId: string | null, organisationId: string | null): Promise<{ branchId: string | null; unitId: string | null }> {
    if (memberId) {
      const member = (await this.members.byIds([memberId], manager)).get(memberId);
      if (!member) return { branchId: null, unitId: null };
      const branch = await this.organisations.nodeOf(member.branchId, manager);
      const unit = branch ? await this.organisations.unitNodeOf(branch, manager) : null;
      return { branchId: member.branchId, unitId: unit?.id ?? null };
    }
    if (organisationId) {
      const organisation = await this.organisations.nodeOf(organisationId, manager);
      const unit = organisation ? await this.organisations.unitNodeOf(organisation, manager) : null;
      return { branchId: organisation?.level === 'branch' ? organisation.id : null, unitId: unit?.id ?? null };
    }
    return { branchId: null, unitId: null };
  }

  private async correctionRelations(manager: EntityManager, principal: Principal, entry: LedgerEntryEntity) {
    const nodes = await this.organisations.nodesOf(
      [entry.branchId, entry.unitId, entry.organisationId].filter((id): id is string => !!id),
      manager,
    );
    const node = (id: string | null) => (id && nodes.has(id) ? { kind: 'organisation' as const, id, path: nodes.get(id)!.path } : null);
    const branch = node(entry.branchId);
    const credited = node(entry.organisationId) ?? node(entry.unitId);
    const organisers = this.sourceOrganisers.get(entry.sourceType);
    return relations<LedgerRelation>(
      [
        branch !== null && this.access.holds(principal, ['branch_secretary'], branch) && 'branch_secretary',
        credited !== null && entry.memberId === null && this.access.holds(principal, ['org_admin'], credited) && 'unit_admin',
        organisers !== undefined && (await organisers(manager, principal, entry.sourceId)) && 'organiser',
      ],
      [
        this.access.scopesOf(principal, ['branch_secretary', 'org_admin'], 'organisation').length > 0 && 'branch_secretary',
        organisers !== undefined && this.access.scopesOf(principal, ['community_staff'], 'region').length > 0 && 'organiser',
      ],
    );
  }

  /** A correction: a new entry with the negated values of the one it corrects, in its period; audited. */
  async correct(principal: Principal, entryId: string, reason: string): Promise<string> {
    return inTransaction(this.dataSource, async (manager) => {
      const entry = await this.repository.find(manager, entryId);
      if (!entry) throw AppException.notFound('没有找到这条台账记录');
      const rel = await this.correctionRelations(manager, principal, entry);
      if (entry.kind === 'correction' && LEDGER_WORKFLOW.isAllowed('correct', rel)) LEDGER_WORKFLOW.refuse('not_a_credit');
      LEDGER_WORKFLOW.require('correct', (await this.repository.isCorrected(manager, entry.id)) ? 'corrected' : 'credited', rel);
      const id = newId();
      const inserted = await this.repository.insert(
        manager,
        {
          ...entry,
          id,
          kind: 'correction',
          sourceType: 'ledger_entry',
          sourceId: entry.id,
          sequence: 0,
          valueYuan: -entry.valueYuan,
          serviceMinutes: -entry.serviceMinutes,
          description: `更正：${entry.description}`.slice(0, 120),
          correctsEntryId: entry.id,
          reason,
          createdByUserId: principal.userId,
          createdAt: this.clock.now(),
        },
        await this.placesOf(manager, entry.streetId),
      );
      // Two corrections racing: the unique index lets one in.
      if (!inserted) LEDGER_WORKFLOW.require('correct', 'corrected', rel);
      await this.audit.record(manager, { actorId: principal.userId, action: 'ledger.correct', subjectType: 'ledger_entry', subjectId: entry.id, detail: { correctionId: id, reason } });
      return id;
    });
  }

  /**
   * What partners delivered against their commitments (共建协议): per target (a partner organisation, a street or
   * community, a term) the services, minutes and value credited by category. One statement for all targets.
   */
  /** The supervision dashboard's ledger figures for some streets and a window (aggregates in SQL). */
  async dashboard(scope: DashboardScope, top: number): Promise<LedgerDashboard> {
    return this.repository.dashboard(scope, top, await this.coverOf(scope.streetIds, scope.regionId));
  }

  /**
   * Where the rollup of members served is read for these streets: the one region whose streets they are all (a
   * district, the city: one region's rows), else the streets themselves (then counted distinct across them).
   */
  private async coverOf(streetIds: string[], regionId?: string): Promise<string[]> {
    // The caller knows it (the dashboard's region): no need to work it out from the streets.
    if (regionId) return [regionId];
    if (streetIds.length < 2) return streetIds;
    const streets = [...(await this.regions.nodesOf(streetIds)).values()];
    if (streets.length !== streetIds.length) return streetIds;
    const paths = streets.map((s) => pathIds(s.path).slice(0, -1));
    const common: string[] = [];
    for (let i = 0; paths.every((p) => i < p.length && p[i] === paths[0][i]); i++) common.push(paths[0][i]);
    if (!common.length) return streetIds;
    const region = await this.regions.nodeOf(common[common.length - 1]);
    if (!region) return streetIds;
    const within = await this.regions.streetsWithin(region);
    const wanted = new Set(streetIds);
    return within.length === wanted.size && within.every((s) => wanted.has(s.id)) ? [region.id] : streetIds;
  }

  /**
   * The members with net service in these streets in a period (a ledger.period key: 'YYYY', 'YYYYH1', 'YYYYH2'),
   * as a derived table with one column `memberId`, for another module's statement to join (the reports' rates on
   * the dashboard): the ledger owns its tables' SQL.
   */
  async servedInPeriod(streetIds: string[], periodKey: string, regionId?: string): Promise<SqlCondition> {
    return this.repository.servedInPeriod(await this.coverOf(streetIds, regionId), periodKey);
  }

  /**
   * How many members have net service in these streets in a period (a ledger.period key), and a condition on
   * `memberColumn` (backquoted, with its alias) that the member is one of them: for another module to count its
   * own rows of those members from its side when they are the fewer (the reports' rates on the dashboard).
   */
  async servedCountAndCondition(manager: EntityManager, streetIds: string[], periodKey: string, memberColumn: string, regionId?: string): Promise<{ count: number; served: SqlCondition }> {
    const regionIds = await this.coverOf(streetIds, regionId);
    return { count: await this.repository.countServed(manager, regionIds, periodKey), served: this.repository.servedMember(regionIds, periodKey, memberColumn) };
  }

  deliveryAgainst(targets: DeliveryTarget[], manager?: EntityManager): Promise<DeliveryRow[]> {
    return this.repository.delivery(targets, manager);
  }

  // ---------- reads for other modules, with the caller's transaction manager ----------

  /**
   * A member's sums for a period in two grouped statements: totals per kind (a correction counts against the kind it
   * corrects) and minutes per place served. What a half-year report snapshots.
   */
  async memberFigures(manager: EntityManager, memberId: string, from: Date, to: Date): Promise<{ byKind: KindTotal[]; places: PlaceTotal[] }> {
    const [byKind, places] = await Promise.all([this.repository.totals({ memberId }, from, to, manager), this.repository.placesServed(manager, memberId, from, to)]);
    return { byKind: byKind.map(({ kind, minutes, valueYuan, entries }) => ({ kind, minutes, valueYuan, entries })), places };
  }

  /**
   * A unit's minutes in a window (the organisation annual report): per member of the unit (the unit stored on each
   * entry, corrections included) and the unit's own organisation-level entries. One grouped statement.
   */
  async unitMinutes(manager: EntityManager, unitId: string, from: Date, to: Date): Promise<{ perMember: Map<string, number>; unitMinutes: number }> {
    const rows: Array<Record<string, unknown>> = await manager.query(
      'SELECT `e`.`memberId` AS `memberId`, SUM(`e`.`serviceMinutes`) AS `minutes` FROM `ledger_entries` `e` ' +
        'WHERE `e`.`unitId` = ? AND `e`.`occurredAt` >= ? AND `e`.`occurredAt` < ? GROUP BY `e`.`memberId`',
      [unitId, ...[from, to].map((d) => datetimeParam(manager.connection, LedgerEntryEntity, 'occurredAt', d))],
    );
    const perMember = new Map<string, number>();
    let unitMinutes = 0;
    for (const r of rows) {
      if (r.memberId) perMember.set(r.memberId as string, Number(r.minutes));
      else unitMinutes += Number(r.minutes);
    }
    return { perMember, unitMinutes };
  }

  /** Where a member served in a period (communities and streets, with minutes). */
  placesServed(manager: EntityManager, memberId: string, from: Date, to: Date): Promise<PlaceTotal[]> {
    return this.repository.placesServed(manager, memberId, from, to);
  }

  /** Which of these members have net service in these streets in [from, to). */
  servedAmong(manager: EntityManager, memberIds: string[], streetIds: string[], from: Date, to: Date): Promise<Set<string>> {
    return this.repository.servedAmong(manager, memberIds, streetIds, from, to);
  }

  /** Members who served inside `scope` (a listScope condition on the entry's `e`.`communityId` / `e`.`streetId`), most minutes first. */
  membersServed(manager: EntityManager, scope: SqlCondition, from: Date, to: Date, page: number, pageSize: number): Promise<{ rows: MemberServed[]; total: number }> {
    return this.repository.membersServed(manager, scope, from, to, page, pageSize);
  }

  /**
   * The export's rows: every entry in the scope (the street or region of the place served; or the branch or unit
   * it counted for) and period, read a page at a time so that 100,000 rows never sit in memory.
   */
  async *exportRows(scope: ExportScope): AsyncGenerator<LedgerExportRow> {
    const where = scopeCondition(scope, { street: '`e`.`streetId`', community: '`e`.`communityId`', organisation: ['`e`.`branchId`', '`e`.`unitId`', '`e`.`organisationId`'] });
    const pages = exportPages<LedgerExportRow & { cursor: unknown }>((after, limit) => this.repository.exportPage(where, scope.from, scope.to, after && { at: after.cursor, id: after.id }, limit));
    for await (const { cursor: _cursor, ...row } of pages) yield row;
  }

  /**
   * A condition on `memberColumn` (backquoted, with its alias): the member has a live credit inside the scope's
   * streets in [from, to). The ledger owns its table's SQL; the reports export asks it "who served here".
   */
  servedCondition(memberColumn: string, scope: Pick<ExportScope, 'kind' | 'id' | 'path' | 'level'>, from: Date, to: Date): SqlCondition {
    const place = scopeCondition(scope, { street: '`le`.`streetId`', community: '`le`.`communityId`' });
    return {
      sql: `EXISTS (SELECT 1 FROM \`ledger_entries\` \`le\` WHERE \`le\`.\`memberId\` = ${memberColumn} AND \`le\`.\`correctsEntryId\` IS NULL AND \`le\`.\`occurredAt\` >= ? AND \`le\`.\`occurredAt\` < ? AND ${place.sql})`,
      params: [this.repository.sqlValue(from), this.repository.sqlValue(to), ...place.params],
    };
  }

  /** Those members' minutes per place inside `scope`. */
  placesWithin(manager: EntityManager, scope: SqlCondition, memberIds: string[], from: Date, to: Date): Promise<Array<PlaceTotal & { memberId: string }>> {
    return this.repository.placesWithin(manager, scope, memberIds, from, to);
  }

  /** A member's credits in a period as they stood at `asOf` (reproducible: the ledger is append-only). */
  liveEntriesAsOf(manager: EntityManager, memberId: string, from: Date, to: Date, asOf: Date): Promise<LiveEntry[]> {
    return this.repository.liveEntriesAsOf(manager, memberId, from, to, asOf);
  }

  /** 我的服务台账: the signed-in member's entries and totals for a period. */
  async mine(principal: Principal, query: LedgerQuery): Promise<LedgerPage> {
    const member = await this.members.memberOfUser(principal.userId);
    if (!member) throw AppException.forbidden('只有在职党员有服务台账');
    return this.pageFor(member, { memberId: member.id }, query);
  }

  /**
   * A member's ledger for those who review them: their branch secretary (and admins of the unit above), or a
   * street official of a street where they served — who sees only the entries in their streets.
   */
  async ofMember(principal: Principal, memberId: string, query: LedgerQuery): Promise<LedgerPage> {
    const member = (await this.members.byIds([memberId])).get(memberId);
    if (!member) throw AppException.notFound('没有找到这名党员');
    if (member.userId === principal.userId) return this.pageFor(member, { memberId }, query);
    const branch = await this.organisations.findNode(member.branchId);
    if (branch && this.access.holds(principal, ['branch_secretary', 'org_admin'], branch)) return this.pageFor(member, { memberId }, query);
    const period = periodOf(query.period, this.clock.now());
    const served = await this.repository.streetsServed(memberId, period.from, period.to);
    const streets = (await this.regions.nodesOf(served)).values();
    const mine = [...streets].filter((s) => this.access.holds(principal, ['street_official'], { kind: 'region', id: s.id, path: s.path })).map((s) => s.id);
    if (!mine.length) throw AppException.forbidden('只有该党员所在党支部的书记，或其服务过的街道干部可以查看台账');
    return this.pageFor(member, { memberId, streetIds: mine }, query);
  }

  private async pageFor(member: MemberRecord, owner: LedgerOwner, query: LedgerQuery): Promise<LedgerPage> {
    const period = periodOf(query.period, this.clock.now());
    const [{ rows, total }, totals] = await Promise.all([this.repository.page(owner, period.from, period.to, query.page, query.pageSize), this.repository.totals(owner, period.from, period.to)]);
    const regions = await this.regions.nodesOf(rows.flatMap((r) => [r.communityId, r.streetId]).filter((id): id is string => !!id));
    const named = (id: string | null) => (id && regions.has(id) ? { id, name: regions.get(id)!.name } : null);
    return {
      member: { id: member.id, name: member.name },
      period: { key: period.key, label: period.label, from: period.from.toISOString(), to: period.to.toISOString() },
      items: rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        kindLabel: LEDGER_KIND_LABELS[r.kind] ?? r.kind,
        minutes: r.serviceMinutes,
        valueYuan: r.valueYuan,
        description: r.description,
        community: named(r.communityId),
        street: named(r.streetId),
        source: { type: r.sourceType, id: r.sourceId },
        correctsEntryId: r.correctsEntryId,
        reason: r.reason,
        corrected: r.corrected,
        occurredAt: r.occurredAt.toISOString(),
      })),
      total,
      page: query.page,
      pageSize: query.pageSize,
      totals: {
        minutes: totals.reduce((n, t) => n + t.minutes, 0),
        valueYuan: totals.reduce((n, t) => n + t.valueYuan, 0),
        entries: totals.reduce((n, t) => n + t.entries, 0),
        byKind: totals.map((t) => ({ kind: t.kind, label: LEDGER_KIND_LABELS[t.kind] ?? t.kind, minutes: t.minutes, valueYuan: t.valueYuan, entries: t.entries })),
      },
    };
  }
}
