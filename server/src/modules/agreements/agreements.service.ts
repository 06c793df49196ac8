import { Injectable } from '@nestjs/common';
import { readManager } from '../../common/database/read-replicas';
import type { Agreement, AgreementTerms, ProposeAgreement } from '@nuancheng/shared';
import { SUPERVISION_EXPIRING_DAYS } from '@nuancheng/shared';
import { DataSource, EntityManager, In, LessThanOrEqual } from 'typeorm';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { DataCipher } from '../../common/crypto/data-cipher';
import { inTransaction } from '../../common/database/transaction';
import { DomainEvents } from '../../common/events/domain-events';
import { newId } from '../../common/ids';
import { isWithin, pathIds } from '../../common/tree/materialised-path';
import type { Actor } from '../../common/workflow/actor';
import { toException } from '../../common/workflow/workflow';
import { AuditService } from '../audit/audit.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { RegionsService } from '../regions/regions.service';
import { WorkflowService } from '../workflow/workflow.service';
import type { AgreementCommitmentEntity } from './agreement-commitment.entity';
import { AgreementDeliveriesService } from './agreement-deliveries';
import { AgreementContextService, type AgreementContext, type AgreementParties } from './agreement-context.service';
import { AgreementEntity } from './agreement.entity';
import { AgreementQueriesService } from './agreement-queries.service';
import './agreements.events';
import { AGREEMENT_WORKFLOW, type AgreementAction } from './agreements.policy';
import { AgreementsRepository } from './agreements.repository';
import { cstDate } from './agreements.rules';
import type { AgreementForReport, AgreementInForce, AgreementPairing, CommitmentOwner } from './agreements.types';
import type { OpenItem, OpenItemScope } from '../../common/supervision/open-item';
import type { DashboardScope } from '../../common/supervision/dashboard';

const STALE = '该协议刚刚被他人处理，请刷新后再试';

/**
 * 共建协议 = 组织报到. Commands check the action against the agreement workflow (agreements.policy.ts) with the
 * caller's relations, apply it with a conditional update and its timeline entry, publish the event the
 * notifications act on, and answer the agreement as the caller now sees it — all in one transaction. Other
 * modules ask `inForce` and `partnersOf` whether and where a unit has registered.
 */
@Injectable()
export class AgreementsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contexts: AgreementContextService,
    private readonly queries: AgreementQueriesService,
    private readonly deliveries: AgreementDeliveriesService,
    private readonly repository: AgreementsRepository,
    private readonly workflow: WorkflowService,
    private readonly events: DomainEvents,
    private readonly regions: RegionsService,
    private readonly organisations: OrganisationsService,
    private readonly cipher: DataCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // ── what other modules ask ───────────────────────────────────────────────────────────────────────────────

  /**
   * The agreement in force at `at` through which a unit has registered (组织报到) in a region, or null: one with the
   * region itself or, for a community, with its street. `organisationId` may be the unit or anything under it
   * (an agreement signed by its party committee counts for the unit).
   */
  async inForce(organisationId: string, regionId: string, at: Date = this.clock.now(), manager: EntityManager = this.dataSource.manager): Promise<AgreementInForce | null> {
    const [organisation, region] = await Promise.all([this.organisations.nodeOf(organisationId, manager), this.regions.nodeOf(regionId, manager)]);
    if (!organisation || !region) return null;
    const unit = await this.organisations.unitNodeOf(organisation, manager);
    if (!unit) return null;
    const [found] = await this.withCommitments(await this.repository.inForceOn(cstDate(at), { regionIds: pathIds(region.path) }, unit.id, manager), manager);
    return found ?? null;
  }

  /**
   * The partners of a street or community at `at` (1+N): for a street, every agreement in force there or with one of
   * its communities; for a community, its own and its street's. Each with its commitments.
   */
  async partnersOf(regionId: string, at: Date = this.clock.now(), manager: EntityManager = this.dataSource.manager): Promise<AgreementInForce[]> {
    const region = await this.regions.nodeOf(regionId, manager);
    if (!region || (region.level !== 'street' && region.level !== 'community')) return [];
    const place = region.level === 'street' ? { streetId: region.id } : { regionIds: [region.id, pathIds(region.path).at(-2)!] };
    return this.withCommitments(await this.repository.inForceOn(cstDate(at), place, undefined, manager), manager);
  }

  /**
   * Agreements in force at `at` of units inside the given organisation subtrees (an org admin's scopes): where those
   * units have registered, with their commitments. The city holds tens of agreements in force, so one read of them.
   */
  async inForceWithin(organisationPaths: string[], at: Date = this.clock.now(), manager: EntityManager = this.dataSource.manager): Promise<AgreementInForce[]> {
    if (!organisationPaths.length) return [];
    const rows = await this.repository.inForceOn(cstDate(at), {}, undefined, manager);
    const units = await this.organisations.nodesOf(
      rows.map((a) => a.unitId),
      manager,
    );
    const mine = rows.filter((a) => organisationPaths.some((path) => units.has(a.unitId) && isWithin(units.get(a.unitId)!.path, path)));
    return this.withCommitments(mine, manager);
  }

  /** Commitments by id with their agreement's unit (an activity names the one it delivers). */
  async commitmentOwners(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, CommitmentOwner>> {
    const commitments = await this.repository.commitmentsByIds(ids, manager);
    const agreements = new Map((await this.repository.byIds([...new Set(commitments.map((c) => c.agreementId))], manager)).map((a) => [a.id, a]));
    const units = await this.organisations.nodesOf(
      [...agreements.values()].map((a) => a.unitId),
      manager,
    );
    const owners = new Map<string, CommitmentOwner>();
    for (const c of commitments) {
      const agreement = agreements.get(c.agreementId);
      if (!agreement) continue;
      owners.set(c.id, {
        id: c.id,
        category: c.category,
        description: c.description,
        quantity: c.quantity,
        unit: c.unit,
        agreementId: agreement.id,
        unitId: agreement.unitId,
        unitName: units.get(agreement.unitId)?.name ?? '',
      });
    }
    return owners;
  }

  /** One agreement with its unit's and street's names (an annual report's assessment names it); null when unknown. */
  async pairing(id: string, manager: EntityManager = this.dataSource.manager): Promise<AgreementPairing | null> {
    const [a] = await this.repository.byIds([id], manager);
    if (!a) return null;
    return (await this.pairings([a], manager))[0] ?? null;
  }

  /**
   * The agreements of a unit (signed by it or anything in it) in force at some time in a calendar year, each
   * commitment with what was delivered against it in the agreement's term (the 1+N delivery count).
   */
  async ofUnitInYear(unitId: string, year: number, manager: EntityManager = this.dataSource.manager): Promise<AgreementForReport[]> {
    const rows = await manager.find(AgreementEntity, {
      where: { unitId, status: In(['in_force', 'expired', 'ended_early']), startDate: LessThanOrEqual(`${year}-12-31`) },
      order: { startDate: 'ASC', id: 'ASC' },
    });
    const pairings = (await this.pairings(rows, manager)).filter((p) => p.activeIn(year));
    const kept = rows.filter((a) => pairings.some((p) => p.id === a.id));
    const [delivery, commitments] = await Promise.all([
      this.queries.deliveryOf(kept, manager),
      this.repository.commitmentsOf(
        kept.map((a) => a.id),
        manager,
      ),
    ]);
    return pairings.map(({ activeIn: _activeIn, ...p }) => ({ ...p, commitments: this.queries.commitments(commitments.get(p.id) ?? [], delivery.get(p.id)) }));
  }

  private async pairings(rows: AgreementEntity[], manager: EntityManager): Promise<AgreementPairing[]> {
    const [units, regions] = await Promise.all([
      this.organisations.nodesOf(
        rows.map((a) => a.unitId),
        manager,
      ),
      this.regions.nodesOf(
        rows.flatMap((a) => [a.regionId, a.streetId]),
        manager,
      ),
    ]);
    return rows.map((a) => {
      const region = regions.get(a.regionId);
      const endedOn = a.status === 'ended_early' && a.endedAt ? cstDate(a.endedAt) : a.endDate;
      return {
        id: a.id,
        status: a.status,
        unitId: a.unitId,
        unitName: units.get(a.unitId)?.name ?? '',
        region: { id: a.regionId, name: region?.name ?? '', level: region?.level ?? 'street' },
        street: { id: a.streetId, name: regions.get(a.streetId)?.name ?? '' },
        startDate: a.startDate,
        endDate: a.endDate,
        activeIn: (year: number) => ['in_force', 'expired', 'ended_early'].includes(a.status) && a.startDate <= `${year}-12-31` && (endedOn < a.endDate ? endedOn : a.endDate) >= `${year}-01-01`,
      };
    });
  }

  private async withCommitments(rows: AgreementEntity[], manager: EntityManager): Promise<AgreementInForce[]> {
    const commitments = await this.repository.commitmentsOf(
      rows.map((a) => a.id),
      manager,
    );
    return rows.map((a) => ({
      id: a.id,
      organisationId: a.organisationId,
      unitId: a.unitId,
      regionId: a.regionId,
      streetId: a.streetId,
      communityId: a.communityId,
      startDate: a.startDate,
      endDate: a.endDate,
      commitments: (commitments.get(a.id) ?? []).map((c) => ({ id: c.id, category: c.category, description: c.description, quantity: c.quantity, unit: c.unit })),
    }));
  }

  // ── commands ─────────────────────────────────────────────────────────────────────────────────────────────

  /** Checks `action` for the caller and applies it: the conditional update and its timeline entry. */
  private async transition(manager: EntityManager, ctx: AgreementContext, action: AgreementAction, actor: Actor, changes: Partial<AgreementEntity> = {}, note: string | null = null): Promise<void> {
    AGREEMENT_WORKFLOW.require(action, ctx.agreement.status, ctx.rel);
    const to = await this.workflow.transition(manager, {
      workflow: AGREEMENT_WORKFLOW,
      subjectType: 'agreement',
      entity: AgreementEntity,
      id: ctx.agreement.id,
      from: ctx.agreement.status,
      action,
      actor,
      changes,
      note,
      stale: STALE,
    });
    Object.assign(ctx.agreement, changes, { status: to });
  }

  private command(principal: Principal, id: string, work: (manager: EntityManager, ctx: AgreementContext) => Promise<void>): Promise<Agreement> {
    return inTransaction(this.dataSource, async (manager) => {
      // First, before any plain read: the delivery's credits and this command see each other (agreement-deliveries.ts).
      await this.deliveries.lock(manager, id);
      // No visibility check here: the workflow refuses a stranger with 403 (not yours / not your area).
      const ctx = await this.contexts.load(manager, id, principal);
      await work(manager, ctx);
      return this.queries.detail(id, principal, manager);
    });
  }

  /** A term must not have ended already, nor overlap a live agreement of the same unit and place. */
  private async checkTerm(manager: EntityManager, parties: AgreementParties, terms: Pick<AgreementTerms, 'startDate' | 'endDate'>, excludeId?: string): Promise<void> {
    if (terms.endDate < cstDate(this.clock.now())) AGREEMENT_WORKFLOW.refuse('end_in_past');
    const other = await this.repository.overlapping(manager, { organisationId: parties.organisation.id, regionId: parties.region.id, ...terms, excludeId });
    if (other) AGREEMENT_WORKFLOW.refuse('overlap', { region: parties.region.name, startDate: other.startDate, endDate: other.endDate });
  }

  private commitmentRows(agreementId: string, terms: AgreementTerms): AgreementCommitmentEntity[] {
    return terms.commitments.map((c, position) => ({ id: newId(), agreementId, position, category: c.category, description: c.description, quantity: c.quantity, unit: c.unit }));
  }

  /** An org admin proposes an agreement between their unit (or one under them) and a street or community. */
  propose(principal: Principal, input: ProposeAgreement): Promise<Agreement> {
    return inTransaction(this.dataSource, async (manager) => {
      const parties = await this.contexts.parties(manager, input.organisationId, input.regionId);
      if (parties.organisation.level !== 'unit' && parties.organisation.level !== 'party_committee') AGREEMENT_WORKFLOW.refuse('not_a_unit');
      if (parties.region.level !== 'street' && parties.region.level !== 'community') AGREEMENT_WORKFLOW.refuse('not_a_counterparty');
      const rel = this.contexts.relationsOf(principal, parties);
      if (!AGREEMENT_WORKFLOW.isAllowed('propose', rel)) throw toException(AGREEMENT_WORKFLOW.refusal('propose', 'proposed', rel)!);
      await this.checkTerm(manager, parties, input);
      const unit = await this.organisations.unitNodeOf(parties.organisation, manager);
      const now = this.clock.now();
      const actor = this.contexts.proposerActor(principal, parties.organisation);
      const agreement: AgreementEntity = {
        id: newId(),
        organisationId: parties.organisation.id,
        unitId: unit?.id ?? parties.organisation.id,
        regionId: parties.region.id,
        streetId: parties.street.id,
        communityId: parties.region.level === 'community' ? parties.region.id : null,
        status: 'proposed',
        startDate: input.startDate,
        endDate: input.endDate,
        contactName: input.contactName,
        contactPhoneCipher: this.cipher.encrypt(input.contactPhone),
        note: input.note || null,
        proposerUserId: principal.userId,
        proposerRole: actor.role,
        proposerName: actor.name,
        proposedAt: now,
        countersignerUserId: null,
        countersignerRole: null,
        countersignerName: null,
        countersignedAt: null,
        returnReason: null,
        endReason: null,
        endedAt: null,
        remindedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await this.repository.insert(manager, agreement);
      await this.repository.replaceCommitments(manager, agreement.id, this.commitmentRows(agreement.id, input));
      await this.workflow.record(manager, { subjectType: 'agreement', subjectId: agreement.id, action: 'propose', from: null, to: 'proposed', actor, note: `${input.startDate} 至 ${input.endDate}` });
      await this.audit.record(manager, {
        actorId: principal.userId,
        action: 'agreement.propose',
        subjectType: 'agreement',
        subjectId: agreement.id,
        detail: { organisationId: agreement.organisationId, regionId: agreement.regionId },
      });
      await this.events.publish(manager, 'agreement.proposed', { agreement: this.contexts.ref(agreement, parties), actor, ...(await this.contexts.sides(manager, agreement, parties)) });
      return this.queries.detail(agreement.id, principal, manager);
    });
  }

  /** The street official (community staff for a community) signs too: the agreement is in force, the unit registered. */
  countersign(principal: Principal, id: string): Promise<Agreement> {
    return this.command(principal, id, async (manager, ctx) => {
      const today = cstDate(this.clock.now());
      AGREEMENT_WORKFLOW.require('countersign', ctx.agreement.status, ctx.rel, ctx.agreement.endDate < today ? { key: 'term_over', params: { endDate: ctx.agreement.endDate } } : null);
      const other = await this.repository.overlapping(manager, {
        organisationId: ctx.organisation.id,
        regionId: ctx.region.id,
        startDate: ctx.agreement.startDate,
        endDate: ctx.agreement.endDate,
        excludeId: ctx.agreement.id,
      });
      if (other) AGREEMENT_WORKFLOW.refuse('overlap', { region: ctx.region.name, startDate: other.startDate, endDate: other.endDate });
      const actor = this.contexts.counterpartyActor(principal, ctx.region);
      await this.transition(manager, ctx, 'countersign', actor, {
        countersignerUserId: principal.userId,
        countersignerRole: actor.role,
        countersignerName: actor.name,
        countersignedAt: this.clock.now(),
        returnReason: null,
      });
      // In force: what its partner delivered in its term so far counts from now on.
      await this.deliveries.recompute(manager, ctx.agreement, ctx.organisation.path);
      await this.audit.record(manager, { actorId: principal.userId, action: 'agreement.countersign', subjectType: 'agreement', subjectId: id });
      await this.events.publish(manager, 'agreement.countersigned', { agreement: this.contexts.ref(ctx.agreement, ctx), actor, ...(await this.contexts.sides(manager, ctx.agreement, ctx)) });
    });
  }

  /** The other side sends it back with a reason; the unit edits and proposes again, or withdraws. */
  returnToProposer(principal: Principal, id: string, reason: string): Promise<Agreement> {
    return this.command(principal, id, async (manager, ctx) => {
      const actor = this.contexts.counterpartyActor(principal, ctx.region);
      await this.transition(manager, ctx, 'return', actor, { returnReason: reason }, reason);
      await this.events.publish(manager, 'agreement.returned', { agreement: this.contexts.ref(ctx.agreement, ctx), actor, note: reason, ...(await this.contexts.sides(manager, ctx.agreement, ctx)) });
    });
  }

  /** The unit proposes a returned agreement again, with its term, contact and commitments as edited. */
  repropose(principal: Principal, id: string, terms: AgreementTerms): Promise<Agreement> {
    return this.command(principal, id, async (manager, ctx) => {
      AGREEMENT_WORKFLOW.require('repropose', ctx.agreement.status, ctx.rel);
      await this.checkTerm(manager, ctx, terms, ctx.agreement.id);
      const actor = this.contexts.proposerActor(principal, ctx.organisation);
      await this.transition(
        manager,
        ctx,
        'repropose',
        actor,
        {
          startDate: terms.startDate,
          endDate: terms.endDate,
          contactName: terms.contactName,
          contactPhoneCipher: this.cipher.encrypt(terms.contactPhone),
          note: terms.note || null,
          proposerUserId: principal.userId,
          proposerRole: actor.role,
          proposerName: actor.name,
          proposedAt: this.clock.now(),
        },
        `${terms.startDate} 至 ${terms.endDate}`,
      );
      await this.repository.replaceCommitments(manager, id, this.commitmentRows(id, terms));
      await this.events.publish(manager, 'agreement.proposed', {
        agreement: this.contexts.ref(ctx.agreement, ctx),
        actor,
        note: '修改后重新提交',
        ...(await this.contexts.sides(manager, ctx.agreement, ctx)),
      });
    });
  }

  withdraw(principal: Principal, id: string): Promise<Agreement> {
    return this.command(principal, id, async (manager, ctx) => {
      const waiting = ctx.agreement.status === 'proposed';
      const actor = this.contexts.proposerActor(principal, ctx.organisation);
      await this.transition(manager, ctx, 'withdraw', actor);
      // The other side was waiting to sign: tell them it is off.
      if (waiting) await this.events.publish(manager, 'agreement.withdrawn', { agreement: this.contexts.ref(ctx.agreement, ctx), actor, ...(await this.contexts.sides(manager, ctx.agreement, ctx)) });
    });
  }

  /** Either side ends an agreement in force before its term, with a reason; the other side is told. */
  endEarly(principal: Principal, id: string, reason: string): Promise<Agreement> {
    return this.command(principal, id, async (manager, ctx) => {
      const by = ctx.rel.has.has('proposer') && !ctx.rel.has.has('counterparty') ? 'proposer' : 'counterparty';
      const actor = by === 'proposer' ? this.contexts.proposerActor(principal, ctx.organisation) : this.contexts.counterpartyActor(principal, ctx.region);
      await this.transition(manager, ctx, 'end_early', actor, { endReason: reason, endedAt: this.clock.now() }, reason);
      // Its term now ends at endedAt: entries dated after it no longer count.
      await this.deliveries.recompute(manager, ctx.agreement, ctx.organisation.path);
      await this.audit.record(manager, { actorId: principal.userId, action: 'agreement.end_early', subjectType: 'agreement', subjectId: id, detail: { reason } });
      await this.events.publish(manager, 'agreement.ended_early', {
        agreement: this.contexts.ref(ctx.agreement, ctx),
        actor,
        note: reason,
        by,
        ...(await this.contexts.sides(manager, ctx.agreement, ctx)),
      });
    });
  }

  /**
   * Dashboard: agreements in force in these streets, their commitments, the committed quantities and the services
   * delivered against them (the detail page's delivery, each commitment capped at its quantity). One statement over
   * the agreements in force (a few per street), their commitments and agreement_deliveries.
   */
  async dashboard(scope: DashboardScope): Promise<{ inForce: number; commitments: number; committed: number; delivered: number }> {
    if (!scope.streetIds.length) return { inForce: 0, commitments: 0, committed: 0, delivered: 0 };
    const [row]: Array<Record<string, unknown>> = await readManager(this.dataSource).query(
      'SELECT COUNT(DISTINCT `a`.`id`) AS `inForce`, COUNT(`c`.`id`) AS `commitments`, COALESCE(SUM(`c`.`quantity`), 0) AS `committed`, ' +
        'COALESCE(SUM(CASE WHEN `d`.`services` > `c`.`quantity` THEN `c`.`quantity` WHEN `d`.`services` > 0 THEN `d`.`services` ELSE 0 END), 0) AS `delivered` ' +
        'FROM `agreements` `a` LEFT JOIN `agreement_commitments` `c` ON `c`.`agreementId` = `a`.`id` ' +
        'LEFT JOIN `agreement_deliveries` `d` ON `d`.`agreementId` = `a`.`id` AND `d`.`category` = `c`.`category` ' +
        `WHERE \`a\`.\`streetId\` IN (${scope.streetIds.map(() => '?').join(', ')}) AND \`a\`.\`status\` = 'in_force'`,
      scope.streetIds,
    );
    return { inForce: Number(row?.inForce ?? 0), commitments: Number(row?.commitments ?? 0), committed: Number(row?.committed ?? 0), delivered: Number(row?.delivered ?? 0) };
  }

  /**
   * 件件有着落: agreements of the streets waiting for a countersignature (the side that did not propose acts) and
   * agreements in force ending within SUPERVISION_EXPIRING_DAYS (the street renews or lets them end).
   */
  async openItems(scope: OpenItemScope): Promise<OpenItem[]> {
    if (!scope.streetIds.length) return [];
    const repo = this.dataSource.getRepository(AgreementEntity);
    const until = cstDate(new Date(scope.now.getTime() + SUPERVISION_EXPIRING_DAYS * 86_400_000));
    const [proposed, ending] = await Promise.all([
      repo.find({ where: { streetId: In(scope.streetIds), status: 'proposed' }, relations: { unit: true }, order: { proposedAt: 'ASC', id: 'ASC' }, take: scope.limit }),
      repo.find({ where: { streetId: In(scope.streetIds), status: 'in_force', endDate: LessThanOrEqual(until) }, relations: { unit: true }, order: { endDate: 'ASC', id: 'ASC' }, take: scope.limit }),
    ]);
    const placeOf = (a: AgreementEntity) => ({ kind: 'region' as const, id: a.communityId ?? a.streetId });
    return [
      ...proposed.map((a): OpenItem => {
        const unitProposed = a.proposerRole === 'org_admin';
        return {
          kind: 'agreement_countersign',
          subjectId: a.id,
          title: `${a.unit?.name ?? '共建单位'}共建协议待会签`,
          communityId: a.communityId,
          streetId: a.streetId,
          since: a.proposedAt,
          deadline: null,
          overdue: a.proposedAt.getTime() < scope.now.getTime() - 7 * 86_400_000,
          actor: unitProposed ? (a.communityId ? 'community_staff' : 'street_official') : 'org_admin',
          actorPlace: unitProposed ? placeOf(a) : { kind: 'organisation', id: a.organisationId },
          link: { kind: 'agreement', id: a.id },
        };
      }),
      ...ending.map((a): OpenItem => ({
        kind: 'agreement_expiring',
        subjectId: a.id,
        title: `${a.unit?.name ?? '共建单位'}共建协议 ${a.endDate} 到期`,
        communityId: a.communityId,
        streetId: a.streetId,
        since: a.countersignedAt ?? a.proposedAt,
        deadline: new Date(`${a.endDate}T23:59:59+08:00`),
        overdue: false,
        actor: a.communityId ? 'community_staff' : 'street_official',
        actorPlace: placeOf(a),
        link: { kind: 'agreement', id: a.id },
      })),
    ];
  }
}
