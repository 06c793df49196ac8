import { Injectable } from '@nestjs/common';
import { PLEDGE_STATUSES, type BranchesWithoutProjectPage, type BranchesWithoutProjectQuery, type BranchPage, type PledgeStatus } from '@nuancheng/shared';
import { DataSource } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { AppException } from '../../common/errors/app.exception';
import { pathIds } from '../../common/tree/materialised-path';
import { OrganisationsService, type OrganisationNode } from '../organisations/organisations.service';
import { ProjectsService } from '../projects/projects.service';
import { orgNode } from './pledge-context.service';
import { PledgesRepository } from './pledges.repository';
import { cstToday, cstYear } from './pledges.rules';

/**
 * 一支部一实事: a branch's page (its livelihood projects of the year and its members' pledges) and, for the work
 * committee, the branches with no project claimed yet.
 *
 * Committee admins hold region scopes (the city, a district) and sometimes an organisation scope (their 工委). The
 * organisation tree has no link to regions, so: an organisation scope covers the branches in its subtree; a
 * city-level region scope covers every branch (one deployment serves one city, and all its work committees' units
 * are the city's); a district-level region scope alone covers none (district work committees are organisation
 * nodes: give their admins that scope).
 */
@Injectable()
export class BranchesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly access: AccessService,
    private readonly organisations: OrganisationsService,
    private readonly projects: ProjectsService,
    private readonly repository: PledgesRepository,
    private readonly clock: Clock,
  ) {}

  private citywide(principal: Principal): boolean {
    return this.access.isSystemAdmin(principal) || this.access.scopesOf(principal, ['committee_admin'], 'region').some((a) => a.regionLevel === 'city');
  }

  private committeeCovers(principal: Principal, branch: OrganisationNode): boolean {
    return this.citywide(principal) || this.access.holds(principal, ['committee_admin'], orgNode(branch));
  }

  /** The branches a committee admin oversees (see the class comment); null when none. */
  private async committeeBranches(principal: Principal): Promise<OrganisationNode[] | null> {
    if (this.citywide(principal)) return this.organisations.branchesWithin({ path: '/' });
    const scopes = this.access.scopesOf(principal, ['committee_admin'], 'organisation').filter((a) => a.scopePath);
    if (!scopes.length) return null;
    const lists = await Promise.all(scopes.map((a) => this.organisations.branchesWithin({ path: a.scopePath! })));
    return [...new Map(lists.flat().map((b) => [b.id, b])).values()];
  }

  /** The branch's page: its secretary, an org admin above it, or a committee admin over it. */
  async page(principal: Principal, branchId: string, year?: number): Promise<BranchPage> {
    const manager = this.dataSource.manager;
    const branch = await this.organisations.nodeOf(branchId, manager);
    if (!branch || branch.level !== 'branch') throw AppException.notFound('没有找到这个党支部');
    if (!this.access.holds(principal, ['branch_secretary', 'org_admin'], orgNode(branch)) && !this.committeeCovers(principal, branch)) {
      throw AppException.forbidden('只有本支部书记、本单位党组织管理员或工委管理员可以查看该党支部');
    }
    const now = this.clock.now();
    const y = year ?? cstYear(now);
    const [unit, projects, counts] = await Promise.all([
      this.organisations.unitNodeOf(branch, manager),
      this.projects.claimedInYear([branch.id], y, principal, manager),
      this.repository.branchCounts(manager, branch.id, y, cstToday(now)),
    ]);
    const byStatus = Object.fromEntries(PLEDGE_STATUSES.map((s) => [s, counts.byStatus.get(s) ?? 0])) as Record<PledgeStatus, number>;
    return {
      branch: { id: branch.id, name: branch.name },
      unit: unit ? { id: unit.id, name: unit.name } : null,
      year: y,
      projects,
      pledges: { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus, overdue: counts.overdue },
    };
  }

  /** Branches under the committee admin with no livelihood project claimed in the year, by unit and name. */
  async withoutProject(principal: Principal, query: BranchesWithoutProjectQuery): Promise<BranchesWithoutProjectPage> {
    const branches = await this.committeeBranches(principal);
    if (!branches) throw AppException.forbidden('您的工委管理范围没有关联机关党组织，请由上级为您设置工委（组织）范围');
    const year = query.year ?? cstYear(this.clock.now());
    const claimed = await this.projects.claimedInYear(
      branches.map((b) => b.id),
      year,
    );
    const withProject = new Set(claimed.map((p) => p.organisation?.id));
    const without = branches.filter((b) => !withProject.has(b.id));
    const ancestors = await this.organisations.nodesOf(without.flatMap((b) => pathIds(b.path).slice(0, -1)));
    const unitOf = (b: OrganisationNode) =>
      pathIds(b.path)
        .map((id) => ancestors.get(id))
        .find((o) => o?.level === 'unit') ?? null;
    const items = without
      .map((b) => {
        const unit = unitOf(b);
        return { id: b.id, name: b.name, unit: unit ? { id: unit.id, name: unit.name } : null };
      })
      .sort((a, b) => (a.unit?.name ?? '').localeCompare(b.unit?.name ?? '', 'zh') || a.name.localeCompare(b.name, 'zh'));
    const start = (query.page - 1) * query.pageSize;
    return { year, branches: branches.length, items: items.slice(start, start + query.pageSize), total: items.length, page: query.page, pageSize: query.pageSize };
  }
}
