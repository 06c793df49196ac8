import { Injectable } from '@nestjs/common';
import { maskName, type Role } from '@nuancheng/shared';
import { EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { Principal, ScopeNode } from '../../common/access/principal';
import { AppException } from '../../common/errors/app.exception';
import type { Actor } from '../../common/workflow/actor';
import { relations, type Relations } from '../../common/workflow/workflow';
import { MembersService, type MemberRecord } from '../members/members.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { RegionsService, type RegionNode } from '../regions/regions.service';
import type { WishClaimEntity } from './entities/wish-claim.entity';
import type { WishDispatchEntity } from './entities/wish-dispatch.entity';
import type { WishEntity } from './entities/wish.entity';
import type { WishRef, ClaimRef } from './wishes.events';
import { WISH_WORKFLOW, type WishRelation } from './wishes.policy';
import { WishesRepository } from './wishes.repository';

export const STAFF_ROLES: Role[] = ['community_staff', 'street_official', 'committee_admin'];

/** A wish with what every rule needs: its community, its live claim and open dispatch, and the caller's relations. */
export interface WishContext {
  wish: WishEntity;
  community: RegionNode;
  claim: WishClaimEntity | null;
  /** The dispatch still waiting for an answer, when the caller could act on it (officials, org admins). */
  dispatch: WishDispatchEntity | null;
  /** The caller's roster row (null: not a member, or anonymous). */
  member: MemberRecord | null;
  rel: Relations<WishRelation>;
}

const regionNode = (community: RegionNode): ScopeNode => ({ kind: 'region', id: community.id, path: community.path });

/** Loads a wish and works out the caller's relation to it: one place for every check, button and refusal. */
@Injectable()
export class WishContextService {
  constructor(
    private readonly access: AccessService,
    private readonly repository: WishesRepository,
    private readonly regions: RegionsService,
    private readonly members: MembersService,
    private readonly organisations: OrganisationsService,
  ) {}

  async load(manager: EntityManager, wishId: string, principal: Principal | undefined): Promise<WishContext> {
    const wish = await this.repository.findWish(manager, wishId);
    if (!wish) throw AppException.notFound('没有找到这个心愿，可能已被删除或链接有误');
    return this.around(manager, wish, principal);
  }

  /**
   * A claim's context (for a member, or for a unit): the wish and the caller's member row first, and the claim's
   * refusal checked on them before anything else is read — the claim's relations (`member`: has a member row and
   * did not post the wish; `unit_admin`: administers some unit) need nothing more, and under contention most
   * claims are refused here because the wish was just taken (docs/benchmarks.md, part 2). Then the rest of the
   * context, as `load` reads it. `knownMember`: the caller's member row when the claim already read it (locked).
   */
  async loadForClaim(manager: EntityManager, wishId: string, principal: Principal, action: 'claim' | 'claim_for_unit', knownMember?: MemberRecord | null): Promise<WishContext> {
    const wish = await this.repository.findWish(manager, wishId);
    if (!wish) throw AppException.notFound('没有找到这个心愿，可能已被删除或链接有误');
    const member = knownMember !== undefined ? knownMember : await this.members.memberOfUser(principal.userId, manager);
    const claiming = relations<WishRelation>([member !== null && wish.residentUserId !== principal.userId && 'member', this.isUnitAdmin(principal) && 'unit_admin']);
    WISH_WORKFLOW.require(action, wish.status, claiming);
    return this.around(manager, wish, principal, member);
  }

  /** The rest of a wish's context: its community, live claim and open dispatch, the caller's member row (unless given) and relations. */
  private async around(manager: EntityManager, wish: WishEntity, principal: Principal | undefined, knownMember?: MemberRecord | null): Promise<WishContext> {
    const roles = new Set(principal?.assignments.map((a) => a.role) ?? []);
    const wantsDispatch = ['street_official', 'committee_admin', 'org_admin', 'system_admin'].some((r) => roles.has(r as Role));
    const [community, claim, member, dispatch] = await Promise.all([
      this.regions.nodeOf(wish.communityId, manager),
      wish.currentClaimId ? this.repository.findClaim(manager, wish.currentClaimId) : null,
      knownMember !== undefined ? knownMember : principal ? this.members.memberOfUser(principal.userId, manager) : null,
      wantsDispatch ? this.repository.openDispatchOf(manager, wish.id) : null,
    ]);
    if (!community) throw AppException.notFound('没有找到这个心愿所在的社区');
    const rel = principal ? await this.relationsOf(manager, principal, wish, community, claim, member, dispatch) : relations<WishRelation>([]);
    return { wish, community, claim, member, dispatch, rel };
  }

  /**
   * The context after a command changed it in this transaction (the wish's columns, its live claim): the same rows,
   * not read again, with the caller's relations worked out anew (a claim makes the caller its claimant).
   */
  async refreshed(manager: EntityManager, ctx: WishContext, principal: Principal): Promise<WishContext> {
    const claim = ctx.claim && ctx.claim.id === ctx.wish.currentClaimId ? ctx.claim : null;
    return { ...ctx, claim, rel: await this.relationsOf(manager, principal, ctx.wish, ctx.community, claim, ctx.member, ctx.dispatch) };
  }

  /** The relations for a job (no caller): only `system`. */
  async loadForSystem(manager: EntityManager, wishId: string): Promise<WishContext> {
    const wish = await this.repository.findWish(manager, wishId);
    if (!wish) throw AppException.notFound('没有找到这个心愿');
    const [community, claim, dispatch] = await Promise.all([
      this.regions.nodeOf(wish.communityId, manager),
      wish.currentClaimId ? this.repository.findClaim(manager, wish.currentClaimId) : null,
      this.repository.openDispatchOf(manager, wish.id),
    ]);
    return { wish, community: community!, claim, member: null, dispatch, rel: relations<WishRelation>(['system']) };
  }

  private async relationsOf(
    manager: EntityManager,
    principal: Principal,
    wish: WishEntity,
    community: RegionNode,
    claim: WishClaimEntity | null,
    member: MemberRecord | null,
    dispatch: WishDispatchEntity | null,
  ): Promise<Relations<WishRelation>> {
    const node = regionNode(community);
    const isResident = wish.residentUserId === principal.userId;
    const isClaimant = claim !== null && (await this.isClaimant(principal, claim, member, manager));
    const dispatchedAdmin = dispatch !== null && (await this.adminOf(principal, dispatch.organisationId, manager));
    const has: Array<WishRelation | false> = [
      isResident && 'resident',
      isClaimant && 'claimant',
      this.access.holds(principal, ['community_staff'], node) && 'community_staff',
      this.access.holds(principal, STAFF_ROLES, node) && 'staff',
      this.access.holds(principal, ['street_official'], node) && 'street_official',
      this.access.holds(principal, ['committee_admin'], node) && 'committee',
      member !== null && !isResident && 'member',
      this.isUnitAdmin(principal) && 'unit_admin',
      dispatchedAdmin && 'dispatched_unit_admin',
    ];
    const elsewhere: Array<WishRelation | false> = [
      this.access.holdsElsewhere(principal, STAFF_ROLES, node) && 'staff',
      this.access.holdsElsewhere(principal, ['street_official'], node) && 'street_official',
      this.access.holdsElsewhere(principal, ['committee_admin'], node) && 'committee',
    ];
    return relations(has, elsewhere);
  }

  private isUnitAdmin(principal: Principal): boolean {
    return this.access.scopesOf(principal, ['org_admin'], 'organisation').length > 0;
  }

  /** The live claimant: the member who claimed, or an org admin of the claiming unit or of any unit above it. */
  private async isClaimant(principal: Principal, claim: WishClaimEntity, member: MemberRecord | null, manager: EntityManager): Promise<boolean> {
    if (claim.claimantKind === 'member') return member !== null && claim.memberId === member.id;
    return claim.organisationId !== null && this.adminOf(principal, claim.organisationId, manager);
  }

  /** org_admin of this organisation or of one above it (a party committee's admin acts for its units). */
  async adminOf(principal: Principal, organisationId: string, manager: EntityManager): Promise<boolean> {
    if (!this.access.scopesOf(principal, ['org_admin'], 'organisation').length && !this.access.isSystemAdmin(principal)) return false;
    const node = await this.organisations.findNode(organisationId, manager);
    return node !== null && this.access.holds(principal, ['org_admin'], node);
  }

  ref(wish: WishEntity): WishRef {
    return { id: wish.id, title: wish.title, category: wish.category, residentUserId: wish.residentUserId, communityId: wish.communityId, streetId: wish.streetId };
  }

  claimRef(claim: WishClaimEntity): ClaimRef {
    return { id: claim.id, claimedByUserId: claim.claimedByUserId, memberId: claim.memberId, organisationId: claim.organisationId };
  }

  residentActor(principal: Principal): Actor {
    return { userId: principal.userId, role: 'resident', name: '居民' };
  }

  memberActor(principal: Principal, member: MemberRecord): Actor {
    return { userId: principal.userId, role: 'member', name: maskName(member.name) };
  }

  /** The claimant as the timeline shows them: a masked member, or the unit's name. */
  claimantActor(principal: Principal, ctx: WishContext): Actor {
    if (ctx.claim?.claimantKind === 'member' && ctx.member) return this.memberActor(principal, ctx.member);
    return { userId: principal.userId, role: 'org_admin', name: ctx.wish.claimantName ?? '单位' };
  }

  /** Name of the staff scope that covers the community, e.g. 康都社区 or 汇丰街道. */
  staffActor(principal: Principal, community: RegionNode): Actor {
    const node = regionNode(community);
    for (const role of STAFF_ROLES) {
      if (this.access.holds(principal, [role], node)) {
        const scope = this.access.scopesOf(principal, [role], 'region').find((a) => a.scopePath && community.path.startsWith(a.scopePath));
        return { userId: principal.userId, role, name: scope?.scopeName ?? community.name };
      }
    }
    return { userId: principal.userId, role: 'system_admin', name: '系统管理员' };
  }
}
