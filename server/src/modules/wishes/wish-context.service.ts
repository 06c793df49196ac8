import { Injectable } from '@nestjs/common';
import { maskName, type Role } from '@nuancheng/shared';
import { EntityManager } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { Principal } from '../../common/access/principal';
import { AppException } from '../../common/errors/app.exception';
import { MemberEntity } from '../members/member.entity';
import { RegionEntity } from '../regions/region.entity';
import { WishClaimEntity } from './entities/wish-claim.entity';
import { WishEntity } from './entities/wish.entity';
import type { WishViewer } from './wishes.rules';

export const STAFF_ROLES: Role[] = ['community_staff', 'street_official', 'committee_admin'];

/** Who did something, as the timeline shows it (names of people masked, units in full). */
export interface Actor {
  userId: string | null;
  role: Role | 'system';
  name: string;
}

export const SYSTEM_ACTOR: Actor = { userId: null, role: 'system', name: '系统' };

/** A wish with what every rule needs: its community node, its live claim, and the caller's relation to it. */
export interface WishContext {
  wish: WishEntity;
  community: RegionEntity;
  claim: WishClaimEntity | null;
  viewer: WishViewer;
  member: MemberEntity | null;
}

/** Loads wishes and works out the caller's relation to one (resident, staff, claimant …). */
@Injectable()
export class WishContextService {
  constructor(private readonly access: AccessService) {}

  async load(manager: EntityManager, wishId: string, principal: Principal | undefined): Promise<WishContext> {
    const wish = await manager.findOneBy(WishEntity, { id: wishId });
    if (!wish) throw AppException.notFound('没有找到这个心愿，可能已被删除或链接有误');
    const community = await manager.findOneByOrFail(RegionEntity, { id: wish.communityId });
    const claim = wish.currentClaimId ? await manager.findOneBy(WishClaimEntity, { id: wish.currentClaimId }) : null;
    const member = principal ? await this.memberOf(manager, principal.userId) : null;
    return { wish, community, claim, member, viewer: this.viewer(principal, wish, community, claim, member) };
  }

  memberOf(manager: EntityManager, userId: string): Promise<MemberEntity | null> {
    return manager.findOneBy(MemberEntity, { userId });
  }

  viewer(principal: Principal | undefined, wish: WishEntity, community: RegionEntity, claim: WishClaimEntity | null, member: MemberEntity | null): WishViewer {
    if (!principal) {
      return { signedIn: false, isResident: false, isStaff: false, isStreetOfficial: false, isClaimant: false, isMember: false, isOrgAdmin: false };
    }
    const node = { kind: 'region' as const, id: community.id, path: community.path };
    return {
      signedIn: true,
      isResident: wish.residentUserId === principal.userId,
      isStaff: this.access.holds(principal, STAFF_ROLES, node),
      isStreetOfficial: this.access.holds(principal, ['street_official'], node),
      isClaimant: claim !== null && this.isClaimant(principal, claim, member),
      isMember: member !== null,
      isOrgAdmin: this.access.scopesOf(principal, ['org_admin'], 'organisation').length > 0,
    };
  }

  isClaimant(principal: Principal, claim: WishClaimEntity, member: MemberEntity | null): boolean {
    if (claim.claimantKind === 'member') return member !== null && claim.memberId === member.id;
    return claim.organisationId !== null && this.orgAdminOf(principal, claim.organisationId);
  }

  /** org_admin of exactly this organisation (the unit a claim was made for). */
  orgAdminOf(principal: Principal, organisationId: string): boolean {
    return this.access.scopesOf(principal, ['org_admin'], 'organisation').some((a) => a.scopeId === organisationId);
  }

  actor(principal: Principal, role: Role, member?: MemberEntity | null, scopeName?: string): Actor {
    if (role === 'member' && member) return { userId: principal.userId, role, name: maskName(member.name) };
    if (role === 'resident') return { userId: principal.userId, role, name: '居民' };
    return { userId: principal.userId, role, name: scopeName ?? '工作人员' };
  }

  /** The claimant as the timeline shows them: a masked member, or the unit's name. */
  claimantActor(principal: Principal, ctx: WishContext): Actor {
    if (ctx.claim?.claimantKind === 'member') return this.actor(principal, 'member', ctx.member);
    return { userId: principal.userId, role: 'org_admin', name: ctx.wish.claimantName ?? '单位' };
  }

  /** Name of the staff scope that covers the community, e.g. 康都社区 or 汇丰街道. */
  staffActor(principal: Principal, community: RegionEntity): Actor {
    const node = { kind: 'region' as const, id: community.id, path: community.path };
    for (const role of STAFF_ROLES) {
      if (this.access.holds(principal, [role], node)) {
        const scope = this.access.scopesOf(principal, [role], 'region').find((a) => a.scopePath && community.path.startsWith(a.scopePath));
        return { userId: principal.userId, role, name: scope?.scopeName ?? community.name };
      }
    }
    return { userId: principal.userId, role: 'system_admin', name: '系统管理员' };
  }
}
