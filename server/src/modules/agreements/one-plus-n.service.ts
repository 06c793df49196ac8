import { Injectable } from '@nestjs/common';
import {
  WISH_COMMITMENT_CATEGORIES,
  type CommitmentCategory,
  type DispatchCandidate,
  type DispatchCandidates,
  type Need,
  type NeedMatch,
  type OnePlusN,
  type Partner,
  type Role,
} from '@nuancheng/shared';
import { AccessService } from '../../common/access/access.service';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { AppException } from '../../common/errors/app.exception';
import { pathIds } from '../../common/tree/materialised-path';
import { OrganisationsService, type OrganisationNode } from '../organisations/organisations.service';
import { ProjectsService } from '../projects/projects.service';
import { RegionsService, type RegionNode } from '../regions/regions.service';
import { WishQueriesService } from '../wishes/wish-queries.service';
import { orgNode, regionNode } from './agreement-context.service';
import { AgreementQueriesService } from './agreement-queries.service';
import { AgreementsService } from './agreements.service';
import type { AgreementInForce, CommitmentRef } from './agreements.types';

/** Who sees a street's 1+N view (a community's: its staff too); org admins of its partners see it as well. */
const STREET_VIEWERS: Role[] = ['street_official', 'committee_admin'];
const COMMUNITY_VIEWERS: Role[] = ['community_staff', 'street_official', 'committee_admin'];

/** The commitment categories a wish of this category draws on, best first. */
const wishCategories = (category: string): readonly CommitmentCategory[] => (WISH_COMMITMENT_CATEGORIES as Record<string, readonly CommitmentCategory[]>)[category] ?? ['其他'];

/** The partner's best commitment for these categories (earliest category wins), or null. */
function bestCommitment(partner: AgreementInForce, categories: readonly CommitmentCategory[]): CommitmentRef | null {
  let best: CommitmentRef | null = null;
  let rank = Infinity;
  for (const c of partner.commitments) {
    const r = categories.indexOf(c.category);
    if (r >= 0 && r < rank) {
      best = c;
      rank = r;
    }
  }
  return best;
}

/**
 * "1+N": one street or community and its N partner units — their resource lists (资源清单) with what they
 * delivered, beside the place's needs (需求清单: unclaimed and overdue wishes, open projects), each need with the
 * partners whose commitments match it. And the dispatch picker's order of units for an overdue wish.
 */
@Injectable()
export class OnePlusNService {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly queries: AgreementQueriesService,
    private readonly wishes: WishQueriesService,
    private readonly projects: ProjectsService,
    private readonly regions: RegionsService,
    private readonly organisations: OrganisationsService,
    private readonly access: AccessService,
    private readonly clock: Clock,
  ) {}

  async view(principal: Principal, regionId: string): Promise<OnePlusN> {
    const region = await this.regions.nodeOf(regionId);
    if (!region) throw AppException.notFound('没有找到这个街道或社区');
    if (region.level !== 'street' && region.level !== 'community') throw AppException.badRequest('1+N 视图只适用于街道或社区');
    const street = region.level === 'street' ? region : ((await this.regions.nodeOf(pathIds(region.path).at(-2)!)) ?? region);
    const now = this.clock.now();
    const partners = await this.agreements.partnersOf(region.id, now);
    const orgs = await this.organisations.nodesOf(partners.map((p) => p.organisationId));
    const viewers = region.level === 'street' ? STREET_VIEWERS : COMMUNITY_VIEWERS;
    const isPartnerAdmin = partners.some((p) => orgs.has(p.organisationId) && this.access.holds(principal, ['org_admin'], orgNode(orgs.get(p.organisationId)!)));
    if (!this.access.holds(principal, viewers, regionNode(region)) && !isPartnerAdmin) {
      throw AppException.forbidden(region.level === 'street' ? '只有本街道干部、工委管理员或本街道的共建单位可以查看' : '只有本社区工作人员、所在街道干部或共建单位可以查看');
    }

    const place = { streetId: street.id, communityId: region.level === 'community' ? region.id : undefined };
    const [delivery, wishes, projects] = await Promise.all([this.queries.deliveryOf(partners), this.wishes.openNeedsIn(place), this.projects.openProjectsIn(place)]);
    const regions = await this.regions.nodesOf([...partners.map((p) => p.regionId), ...projects.map((p) => p.regionId)]);
    const named = (r: RegionNode | undefined) => (r ? { id: r.id, name: r.name, level: r.level } : { id: '', name: '', level: '' });
    const listed = partners.filter((p) => orgs.has(p.organisationId));

    const partnerViews: Partner[] = listed.map((p) => {
      const o = orgs.get(p.organisationId)!;
      return {
        agreementId: p.id,
        organisation: { id: o.id, name: o.name, level: o.level },
        region: named(regions.get(p.regionId)),
        startDate: p.startDate,
        endDate: p.endDate,
        commitments: this.queries.commitments(
          p.commitments.map((c, position) => ({ ...c, agreementId: p.id, position })),
          delivery.get(p.id),
        ),
      };
    });

    /** Partners serving the need's community (a street agreement serves all of them), best-matching first. */
    const matchesFor = (categories: readonly CommitmentCategory[], communityId: string | null): NeedMatch[] =>
      listed
        .filter((p) => p.communityId === null || communityId === null || p.communityId === communityId)
        .map((p) => ({ p, c: bestCommitment(p, categories) }))
        .filter((x): x is { p: AgreementInForce; c: CommitmentRef } => x.c !== null)
        .sort((a, b) => categories.indexOf(a.c.category) - categories.indexOf(b.c.category) || orgs.get(a.p.organisationId)!.name.localeCompare(orgs.get(b.p.organisationId)!.name, 'zh'))
        .map(({ p, c }) => ({
          agreementId: p.id,
          organisation: { id: p.organisationId, name: orgs.get(p.organisationId)!.name },
          commitment: { id: c.id, category: c.category, description: c.description, quantity: c.quantity, unit: c.unit },
        }));

    const needs: Need[] = [
      ...wishes
        .map((w) => ({ w, categories: wishCategories(w.category) }))
        .sort((a, b) => Number(b.w.overdue !== null) - Number(a.w.overdue !== null))
        .map(({ w, categories }) => ({
          kind: 'wish' as const,
          id: w.id,
          title: w.title,
          category: w.category,
          commitmentCategories: [...categories],
          community: w.community,
          status: w.status,
          overdue: w.overdue,
          since: w.publishedAt,
          matches: matchesFor(categories, w.community.id),
        })),
      ...projects.map((p) => {
        const categories: CommitmentCategory[] = p.category ? [p.category] : [];
        const community = p.communityId ? regions.get(p.communityId) : undefined;
        return {
          kind: 'project' as const,
          id: p.id,
          title: p.title,
          category: p.category,
          commitmentCategories: categories,
          community: community ? { id: community.id, name: community.name } : null,
          status: 'open',
          overdue: null,
          since: p.createdAt.toISOString(),
          matches: matchesFor(categories, p.communityId),
        };
      }),
    ];

    return {
      region: named(region),
      street: { id: street.id, name: street.name },
      at: now.toISOString(),
      partners: partnerViews,
      needs,
      totals: {
        partners: new Set(listed.map((p) => p.organisationId)).size,
        commitments: listed.reduce((n, p) => n + p.commitments.length, 0),
        needs: needs.length,
        matchedNeeds: needs.filter((n) => n.matches.length > 0).length,
      },
    };
  }

  /**
   * The dispatch picker for one wish: the street's partners whose resource list matches the wish's category (with
   * the commitment), then the other partners serving its community, then every other unit.
   */
  async dispatchCandidates(principal: Principal, wishId: string): Promise<DispatchCandidates> {
    const wish = (await this.wishes.summariesByIds([wishId])).get(wishId);
    if (!wish) throw AppException.notFound('没有找到这个心愿，可能已被删除或链接有误');
    const community = await this.regions.nodeOf(wish.community.id);
    if (!community || !this.access.holds(principal, ['street_official', 'committee_admin'], regionNode(community))) throw AppException.forbidden('该心愿不在您负责的街道，不能派单');
    const categories = wishCategories(wish.category);
    const partners = await this.agreements.partnersOf(community.id, this.clock.now());
    const [orgs, units] = await Promise.all([this.organisations.nodesOf(partners.map((p) => p.organisationId)), this.organisations.list({ level: 'unit' })]);

    const byOrganisation = new Map<string, { p: AgreementInForce; c: CommitmentRef | null; o: OrganisationNode }>();
    for (const p of partners) {
      const o = orgs.get(p.organisationId);
      if (!o) continue;
      const c = bestCommitment(p, categories);
      const seen = byOrganisation.get(o.id);
      const rank = (x: CommitmentRef | null) => (x ? categories.indexOf(x.category) : Infinity);
      if (!seen || rank(c) < rank(seen.c)) byOrganisation.set(o.id, { p, c, o });
    }
    const rank = (x: { c: CommitmentRef | null }) => (x.c ? categories.indexOf(x.c.category) : Infinity);
    const ranked = [...byOrganisation.values()].sort((a, b) => rank(a) - rank(b) || a.o.name.localeCompare(b.o.name, 'zh'));
    const partnerUnits = new Set(ranked.flatMap((x) => [x.o.id, x.p.unitId]));
    const items: DispatchCandidate[] = [
      ...ranked.map(({ p, c, o }) => ({
        organisation: { id: o.id, name: o.name, level: o.level },
        tier: c ? ('matching' as const) : ('partner' as const),
        agreementId: p.id,
        commitment: c ? { category: c.category, description: c.description, quantity: c.quantity, unit: c.unit } : null,
      })),
      ...units.filter((u) => !partnerUnits.has(u.id)).map((u) => ({ organisation: { id: u.id, name: u.name, level: u.level }, tier: 'other' as const, agreementId: null, commitment: null })),
    ];
    return { wish: { id: wish.id, title: wish.title, category: wish.category, community: wish.community }, items };
  }
}
