import { Injectable } from '@nestjs/common';
import { maskName } from '@nuancheng/shared';
import { EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { Principal, ScopeNode } from '../../common/access/principal';
import { AppException } from '../../common/errors/app.exception';
import { pathIds } from '../../common/tree/materialised-path';
import type { Actor } from '../../common/workflow/actor';
import { relations, type Relations } from '../../common/workflow/workflow';
import { MembersService, type MemberRecord } from '../members/members.service';
import { OrganisationsService, type OrganisationNode } from '../organisations/organisations.service';
import { RegionsService, type RegionNode } from '../regions/regions.service';
import { UsersService } from '../users/users.service';
import type { PledgeEntity } from './pledge.entity';
import type { PledgeRef } from './pledges.events';
import type { PledgeRelation } from './pledges.policy';
import { PledgesRepository } from './pledges.repository';

/** A pledge with what every rule needs: its member, branch and community, and the caller's relations to it. */
export interface PledgeContext {
  pledge: PledgeEntity;
  /** The pledge's member (null only if the roster row vanished). */
  member: MemberRecord | null;
  branch: OrganisationNode;
  community: RegionNode;
  rel: Relations<PledgeRelation>;
}

export const orgNode = (o: Pick<OrganisationNode, 'id' | 'path'>): ScopeNode => ({ kind: 'organisation', id: o.id, path: o.path });
export const regionNode = (r: Pick<RegionNode, 'id' | 'path'>): ScopeNode => ({ kind: 'region', id: r.id, path: r.path });

/** Loads a pledge and works out the caller's relations to it: one place for every check, button and refusal. */
@Injectable()
export class PledgeContextService {
  constructor(
    private readonly access: AccessService,
    private readonly repository: PledgesRepository,
    private readonly members: MembersService,
    private readonly organisations: OrganisationsService,
    private readonly regions: RegionsService,
    private readonly users: UsersService,
  ) {}

  /** With `lock`, the pledge row is locked first (commands: they take turns on one pledge). */
  async load(manager: EntityManager, id: string, principal: Principal | undefined, lock = false): Promise<PledgeContext> {
    if (lock) await this.repository.lock(manager, id);
    const pledge = await this.repository.find(manager, id);
    if (!pledge) throw AppException.notFound('没有找到这项承诺，可能链接有误');
    const [members, branch, community] = await Promise.all([
      this.members.byIds([pledge.memberId], manager),
      this.organisations.nodeOf(pledge.branchId, manager),
      this.regions.nodeOf(pledge.communityId, manager),
    ]);
    if (!branch || !community) throw AppException.notFound('没有找到这项承诺所在的党支部或社区');
    const member = members.get(pledge.memberId) ?? null;
    return { pledge, member, branch, community, rel: this.relationsOf(principal, pledge, member, branch, community) };
  }

  /** Pure: from the principal's assignments (materialised paths) and the pledge's nodes; no query. */
  relationsOf(
    principal: Principal | undefined,
    pledge: Pick<PledgeEntity, 'memberId'>,
    member: MemberRecord | null,
    branch: Pick<OrganisationNode, 'id' | 'path'>,
    community: Pick<RegionNode, 'id' | 'path'>,
  ): Relations<PledgeRelation> {
    if (!principal) return relations<PledgeRelation>([]);
    const b = orgNode(branch);
    const c = regionNode(community);
    // Nobody approves or assesses their own pledge: a secretary's own goes to a secretary above the branch.
    const owner = member !== null && member.id === pledge.memberId && member.userId === principal.userId;
    return relations<PledgeRelation>(
      [
        owner && 'owner',
        principal.assignments.some((a) => a.role === 'member') && 'member',
        !owner && this.access.holds(principal, ['branch_secretary'], b) && 'branch_secretary',
        !owner && this.access.holds(principal, ['community_staff'], c) && 'community_staff',
        (this.access.holds(principal, ['committee_admin'], c) || this.access.holds(principal, ['committee_admin'], b)) && 'committee',
      ],
      [this.access.holdsElsewhere(principal, ['branch_secretary'], b) && 'branch_secretary', this.access.holdsElsewhere(principal, ['community_staff'], c) && 'community_staff'],
    );
  }

  /** The owner holds a role that would review or assess it (their own pledge): refused with its own message. */
  reviewsOwn(principal: Principal, ctx: PledgeContext): boolean {
    return ctx.rel.has.has('owner') && (this.access.holds(principal, ['branch_secretary'], orgNode(ctx.branch)) || this.access.holds(principal, ['community_staff'], regionNode(ctx.community)));
  }

  /** Whether the caller may read the whole pledge (not only its public face). */
  canRead(rel: Relations<PledgeRelation>): boolean {
    return (['owner', 'branch_secretary', 'community_staff', 'committee'] as const).some((r) => rel.has.has(r));
  }

  ref(ctx: Pick<PledgeContext, 'pledge' | 'member'>): PledgeRef {
    const p = ctx.pledge;
    return {
      id: p.id,
      year: p.year,
      content: p.content,
      category: p.category,
      memberId: p.memberId,
      memberUserId: ctx.member?.userId ?? null,
      branchId: p.branchId,
      communityId: p.communityId,
      streetId: p.streetId,
    };
  }

  /** Branch secretaries of the branch and of the organisations above it (a secretary's scope covers its subtree). */
  async secretariesOf(manager: EntityManager, branch: Pick<OrganisationNode, 'path'>): Promise<string[]> {
    const lists = await Promise.all(pathIds(branch.path).map((id) => this.users.holdersOf(manager, 'branch_secretary', { organisationId: id })));
    return [...new Set(lists.flat())];
  }

  async staffOf(manager: EntityManager, communityId: string): Promise<string[]> {
    return this.users.holdersOf(manager, 'community_staff', { regionId: communityId });
  }

  /** The member as the timeline shows them (masked, like every person on a timeline). */
  memberActor(principal: Principal, member: MemberRecord): Actor {
    return { userId: principal.userId, role: 'member', name: maskName(member.name) };
  }

  secretaryActor(principal: Principal, branch: OrganisationNode): Actor {
    return { userId: principal.userId, role: 'branch_secretary', name: branch.name };
  }

  staffActor(principal: Principal, community: RegionNode): Actor {
    return { userId: principal.userId, role: 'community_staff', name: community.name };
  }
}
