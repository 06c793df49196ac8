import { Injectable } from '@nestjs/common';
import type { Role } from '@nuancheng/shared';
import { EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { Principal, ScopeNode } from '../../common/access/principal';
import { AppException } from '../../common/errors/app.exception';
import { pathIds } from '../../common/tree/materialised-path';
import type { Actor } from '../../common/workflow/actor';
import { relations, type Relations } from '../../common/workflow/workflow';
import { OrganisationsService, type OrganisationNode } from '../organisations/organisations.service';
import { RegionsService, type RegionNode } from '../regions/regions.service';
import { UsersService } from '../users/users.service';
import type { AgreementEntity } from './agreement.entity';
import type { AgreementRef, AgreementSides } from './agreements.events';
import type { AgreementRelation } from './agreements.policy';
import { AgreementsRepository } from './agreements.repository';

/** Who signs for a street, and for a community (a committee admin above either may sign too). */
export const STREET_SIGNERS: Role[] = ['street_official', 'committee_admin'];
export const COMMUNITY_SIGNERS: Role[] = ['community_staff', 'committee_admin'];

/** The two sides of an agreement and where it stands: the nodes every check and answer needs. */
export interface AgreementParties {
  organisation: OrganisationNode;
  region: RegionNode;
  street: RegionNode;
}

export interface AgreementContext extends AgreementParties {
  agreement: AgreementEntity;
  rel: Relations<AgreementRelation>;
}

export const orgNode = (o: OrganisationNode): ScopeNode => ({ kind: 'organisation', id: o.id, path: o.path });
export const regionNode = (r: RegionNode): ScopeNode => ({ kind: 'region', id: r.id, path: r.path });

/** Loads an agreement and works out the caller's relation to it: one place for every check, button and refusal. */
@Injectable()
export class AgreementContextService {
  constructor(
    private readonly access: AccessService,
    private readonly repository: AgreementsRepository,
    private readonly regions: RegionsService,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
  ) {}

  async load(manager: EntityManager, id: string, principal: Principal | undefined): Promise<AgreementContext> {
    const agreement = await this.repository.find(manager, id);
    if (!agreement) throw AppException.notFound('没有找到这份共建协议');
    const parties = await this.parties(manager, agreement.organisationId, agreement.regionId);
    const rel = principal ? this.relationsOf(principal, parties) : relations<AgreementRelation>([]);
    return { agreement, ...parties, rel };
  }

  /** For a job (no caller): only `system`. */
  async loadForSystem(manager: EntityManager, id: string): Promise<AgreementContext> {
    const ctx = await this.load(manager, id, undefined);
    return { ...ctx, rel: relations<AgreementRelation>(['system']) };
  }

  /** The signing organisation, the street or community, and its street; 404 when one does not exist. */
  async parties(manager: EntityManager, organisationId: string, regionId: string): Promise<AgreementParties> {
    const [organisation, region] = await Promise.all([this.organisations.nodeOf(organisationId, manager), this.regions.nodeOf(regionId, manager)]);
    if (!organisation) throw AppException.notFound('没有找到这个单位');
    if (!region) throw AppException.notFound('没有找到这个街道或社区');
    const street = region.level === 'community' ? await this.regions.nodeOf(pathIds(region.path).at(-2)!, manager) : region;
    return { organisation, region, street: street ?? region };
  }

  /** The caller's relations to an agreement between `organisation` and `region` (also before it exists: proposing). */
  relationsOf(principal: Principal, { organisation, region, street }: AgreementParties): Relations<AgreementRelation> {
    const signers = region.level === 'community' ? COMMUNITY_SIGNERS : STREET_SIGNERS;
    const place = regionNode(region);
    const staffInStreet = region.level === 'street' && this.access.scopesOf(principal, ['community_staff'], 'region').some((a) => a.scopePath !== null && a.scopePath.startsWith(street.path));
    return relations<AgreementRelation>(
      [
        this.access.holds(principal, ['org_admin'], orgNode(organisation)) && 'proposer',
        this.access.holds(principal, signers, place) && 'counterparty',
        (this.access.holds(principal, ['street_official', 'committee_admin'], place) || staffInStreet || this.access.holds(principal, ['committee_admin'], orgNode(organisation))) && 'viewer',
      ],
      [this.access.scopesOf(principal, ['org_admin'], 'organisation').length > 0 && 'proposer', this.access.holdsElsewhere(principal, signers, place) && 'counterparty'],
    );
  }

  /** Sees the agreement at all: either side, or someone who supervises one of them. */
  visible(rel: Relations<AgreementRelation>): boolean {
    return rel.has.has('proposer') || rel.has.has('counterparty') || rel.has.has('viewer') || rel.has.has('system');
  }

  /** The proposer as the signature and timeline show them: the unit they sign for. */
  proposerActor(principal: Principal, organisation: OrganisationNode): Actor {
    const role: Role = this.access.scopesOf(principal, ['org_admin'], 'organisation').length ? 'org_admin' : 'system_admin';
    return { userId: principal.userId, role, name: organisation.name };
  }

  /** The countersigner: the role they hold over the street or community, and that scope's name (车站街道, 康都社区). */
  counterpartyActor(principal: Principal, region: RegionNode): Actor {
    const signers = region.level === 'community' ? COMMUNITY_SIGNERS : STREET_SIGNERS;
    for (const role of signers) {
      const scope = this.access.scopesOf(principal, [role], 'region').find((a) => a.scopePath !== null && region.path.startsWith(a.scopePath));
      if (scope) return { userId: principal.userId, role, name: scope.scopeName ?? region.name };
    }
    return { userId: principal.userId, role: 'system_admin', name: region.name };
  }

  ref(agreement: AgreementEntity, parties: AgreementParties): AgreementRef {
    return {
      id: agreement.id,
      organisationId: agreement.organisationId,
      organisationName: parties.organisation.name,
      regionId: agreement.regionId,
      regionName: parties.region.name,
      startDate: agreement.startDate,
      endDate: agreement.endDate,
    };
  }

  /** The people on each side: the proposer and the unit's admins; the countersigner and those who may countersign. */
  async sides(manager: EntityManager, agreement: AgreementEntity, parties: AgreementParties): Promise<AgreementSides> {
    const signerRole: Role = parties.region.level === 'community' ? 'community_staff' : 'street_official';
    const [admins, signers] = await Promise.all([
      this.users.holdersOf(manager, 'org_admin', { organisationId: agreement.organisationId }),
      this.users.holdersOf(manager, signerRole, { regionId: agreement.regionId }),
    ]);
    const unique = (ids: Array<string | null>) => [...new Set(ids.filter((id): id is string => !!id))];
    return { proposerSide: unique([agreement.proposerUserId, ...admins]), counterpartySide: unique([agreement.countersignerUserId, ...signers]) };
  }
}
