import { Injectable } from '@nestjs/common';
import { AGREEMENT_STATUS_LABELS, PROJECT_STATUS_LABELS, type OrgReportFigures } from '@nuancheng/shared';
import { EntityManager } from 'typeorm';
import { Clock } from '../../common/clock';
import { AgreementsService } from '../agreements/agreements.service';
import { LedgerService } from '../ledger/ledger.service';
import { MembersService } from '../members/members.service';
import { OrganisationsService, type OrganisationNode } from '../organisations/organisations.service';
import { PledgeQueriesService } from '../pledges/pledge-queries.service';
import { ProjectsService } from '../projects/projects.service';
import { ReportsService } from '../reports/reports.service';
import { WishQueriesService } from '../wishes/wish-queries.service';

const CST = 8 * 3600_000;

/** A Beijing calendar year as instants: [from, to). */
export const yearWindow = (year: number) => ({ from: new Date(Date.UTC(year, 0, 1) - CST), to: new Date(Date.UTC(year + 1, 0, 1) - CST) });
export const cstYear = (at: Date) => new Date(at.getTime() + CST).getUTCFullYear();

/**
 * An annual report's figures for a unit and a year, each asked from the module that owns it: rosters (members),
 * minutes (ledger), half-year reports (reports), agreements and delivery (agreements), claims (wishes),
 * projects and 一支部一实事 (projects), 一党员一践诺 (pledges). Read in the caller's transaction.
 */
@Injectable()
export class OrgReportFiguresService {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly members: MembersService,
    private readonly ledger: LedgerService,
    private readonly reports: ReportsService,
    private readonly agreements: AgreementsService,
    private readonly wishes: WishQueriesService,
    private readonly projects: ProjectsService,
    private readonly pledges: PledgeQueriesService,
    private readonly clock: Clock,
  ) {}

  async figuresOf(manager: EntityManager, unit: OrganisationNode, year: number): Promise<OrgReportFigures> {
    const { from, to } = yearWindow(year);
    const organisations = await this.organisations.subtree(unit, manager);
    const orgIds = organisations.map((o) => o.id);
    const branches = organisations.filter((o) => o.level === 'branch');
    const roster = await this.members.idsOnRosters(
      branches.map((b) => b.id),
      manager,
    );
    const periods = [`${year}H1`, `${year}H2`];
    const [minutes, reportCounts, agreements, claims, projects, pledges] = await Promise.all([
      this.ledger.unitMinutes(manager, unit.id, from, to),
      this.reports.unitCounts(manager, unit.id, periods),
      this.agreements.ofUnitInYear(unit.id, year, manager),
      this.wishes.claimCounts(orgIds, roster, from, to, manager),
      this.projects.claimedInYear(orgIds, year, undefined, manager),
      this.pledges.yearCounts(
        branches.map((b) => b.id),
        year,
        manager,
      ),
    ]);
    const memberMinutes = [...minutes.perMember.values()];
    const totalMinutes = memberMinutes.reduce((n, m) => n + m, 0);
    const branchIds = new Set(branches.map((b) => b.id));
    const branchProjects = projects.filter((p) => p.organisation && branchIds.has(p.organisation.id));
    const done = (status: string) => status === 'completed' || status === 'verified';
    return {
      year,
      members: {
        roster: roster.length,
        withService: memberMinutes.filter((m) => m > 0).length,
        totalMinutes,
        minutesPerMember: roster.length ? Math.round(totalMinutes / roster.length) : 0,
        unitMinutes: minutes.unitMinutes,
      },
      memberReports: periods.map((p, i) => ({ period: p, label: `${year}年${i === 0 ? '上半年' : '下半年'}`, ...reportCounts.get(p)! })),
      agreements: agreements.map((a) => ({
        id: a.id,
        status: a.status,
        statusLabel: AGREEMENT_STATUS_LABELS[a.status],
        region: a.region,
        street: a.street,
        startDate: a.startDate,
        endDate: a.endDate,
        commitments: a.commitments,
      })),
      wishes: {
        claimed: claims.byUnit.claimed + claims.byMembers.claimed,
        completed: claims.byUnit.completed + claims.byMembers.completed,
        byUnit: claims.byUnit,
        byMembers: claims.byMembers,
      },
      projects: { claimed: projects.length, completed: projects.filter((p) => done(p.status)).length },
      branchProjects: {
        branches: branches.length,
        withProject: new Set(branchProjects.map((p) => p.organisation!.id)).size,
        items: branchProjects.map((p) => ({
          id: p.id,
          title: p.title,
          branch: { id: p.organisation!.id, name: p.organisation!.name },
          status: p.status,
          statusLabel: PROJECT_STATUS_LABELS[p.status],
        })),
      },
      pledges: { members: roster.length, ...pledges },
      takenAt: this.clock.now().toISOString(),
    };
  }
}
