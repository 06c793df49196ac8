import { Injectable } from '@nestjs/common';
import {
  ASSESSMENT_GRADE_LABELS,
  ORG_REPORT_LIMITS,
  ORG_REPORT_STATUS_LABELS,
  type AgreementAssessment,
  type AgreementAssessments,
  type AssessAgreement,
  type CreateOrgReport,
  type OrgReport,
  type OrgReportFigures,
  type OrgReportListQuery,
  type OrgReportOfferedAction,
  type OrgReportPage,
} from '@nuancheng/shared';
import { DataSource, EntityManager, In } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import { listScope } from '../../common/access/list-scope';
import type { Principal, ScopeNode } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { AppException } from '../../common/errors/app.exception';
import { newId } from '../../common/ids';
import type { Actor } from '../../common/workflow/actor';
import { presentVersion, submittedVersion, versionDecision, type ReviewAction } from '../../common/workflow/reviewed-version';
import { relations, toException, type Relations } from '../../common/workflow/workflow';
import { AgreementsService } from '../agreements/agreements.service';
import type { AgreementPairing } from '../agreements/agreements.types';
import { OrganisationsService, type OrganisationNode } from '../organisations/organisations.service';
import { RegionsService } from '../regions/regions.service';
import { WorkflowService } from '../workflow/workflow.service';
import { AgreementAssessmentEntity } from './agreement-assessment.entity';
import { OrgReportVersionEntity } from './org-report-version.entity';
import { OrgReportEntity } from './org-report.entity';
import { cstYear, OrgReportFiguresService } from './org-report-figures.service';
import { AGREEMENT_ASSESSMENT_WORKFLOW, ORG_REPORT_WORKFLOW, type AgreementAssessmentRelation, type OrgReportRelation } from './org-reports.policy';

const STALE = '该年度报告刚刚被他人处理，请刷新后再试';
/** What every transition of an annual report names: its workflow, timeline subject, table and stale refusal. */
const REVIEWED = { workflow: ORG_REPORT_WORKFLOW, subjectType: 'org_report', entity: OrgReportEntity, stale: STALE } as const;
const NOT_VISIBLE = '只有本单位的机关党组织管理员和上级工委可以查看这份年度报告';
const LIST_ROLES = ['org_admin', 'committee_admin'] as const;

const orgNode = (o: Pick<OrganisationNode, 'id' | 'path'>): ScopeNode => ({ kind: 'organisation', id: o.id, path: o.path });

interface OrgReportContext {
  report: OrgReportEntity;
  unit: OrganisationNode;
  rel: Relations<OrgReportRelation>;
}

/**
 * 机关党组织年度报告: a unit's org admin drafts the year's report, prefilled from the unit's data (refreshable while
 * theirs), writes a summary and submits it to the work committee; a committee admin over the unit approves it or
 * returns it with comments; each submission is kept as a version with its outcome. The streets paired with the
 * unit by an agreement assess that agreement for the year; the assessments sit beside it in the report.
 */
@Injectable()
export class OrgReportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly figures: OrgReportFiguresService,
    private readonly access: AccessService,
    private readonly organisations: OrganisationsService,
    private readonly regions: RegionsService,
    private readonly agreements: AgreementsService,
    private readonly workflow: WorkflowService,
    private readonly clock: Clock,
  ) {}

  // ---------- commands ----------

  /** A draft for a year that has begun, for the caller's unit (or `unitId`), prefilled from the unit's data. */
  async create(principal: Principal, input: CreateOrgReport): Promise<OrgReport> {
    const now = this.clock.now();
    return inTransaction(this.dataSource, async (manager) => {
      const unit = await this.unitFor(manager, principal, input.unitId);
      const rel = this.relationsOf(principal, unit);
      if (!ORG_REPORT_WORKFLOW.isAllowed('create', rel)) throw toException(ORG_REPORT_WORKFLOW.refusal('create', 'draft', rel)!);
      if (input.year > cstYear(now)) ORG_REPORT_WORKFLOW.refuse('year_not_started', { year: input.year });
      if (await manager.findOne(OrgReportEntity, { where: { unitId: unit.id, year: input.year } })) ORG_REPORT_WORKFLOW.refuse('already_exists', { unit: unit.name, year: input.year });
      const figures = await this.figures.figuresOf(manager, unit, input.year);
      const id = newId();
      await manager.insert(OrgReportEntity, {
        id,
        unitId: unit.id,
        year: input.year,
        status: 'draft',
        summary: '',
        figures: JSON.stringify(figures),
        figuresAt: now,
        version: 0,
        submittedAt: null,
        decidedAt: null,
        createdAt: now,
        updatedAt: now,
      });
      await this.workflow.record(manager, { subjectType: 'org_report', subjectId: id, action: 'create', from: null, to: 'draft', actor: this.authorActor(principal, unit) });
      return this.present(manager, await this.load(manager, principal, id));
    });
  }

  /** Saves the summary of a draft or a returned report (the unit's org admin). */
  async update(principal: Principal, id: string, summary: string): Promise<OrgReport> {
    return inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.load(manager, principal, id);
      ORG_REPORT_WORKFLOW.require('save', ctx.report.status, ctx.rel);
      await this.updateWorking(manager, ctx.report, { summary, updatedAt: this.clock.now() });
      return this.present(manager, await this.load(manager, principal, id));
    });
  }

  /** Takes the figures from the unit's data again (while the report is the unit's to edit). */
  async refresh(principal: Principal, id: string): Promise<OrgReport> {
    return inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.load(manager, principal, id);
      ORG_REPORT_WORKFLOW.require('refresh', ctx.report.status, ctx.rel);
      const now = this.clock.now();
      const figures = await this.figures.figuresOf(manager, ctx.unit, ctx.report.year);
      await this.updateWorking(manager, ctx.report, { figures: JSON.stringify(figures), figuresAt: now, updatedAt: now });
      return this.present(manager, await this.load(manager, principal, id));
    });
  }

  /** Submits (or resubmits): the figures are taken now and frozen with the text as a new version. */
  async submit(principal: Principal, id: string): Promise<OrgReport> {
    return inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.load(manager, principal, id);
      const { report, unit } = ctx;
      ORG_REPORT_WORKFLOW.require('submit', report.status, ctx.rel);
      if (report.summary.trim().length < ORG_REPORT_LIMITS.summaryMinToSubmit) ORG_REPORT_WORKFLOW.refuse('summary_required', { min: ORG_REPORT_LIMITS.summaryMinToSubmit });
      const now = this.clock.now();
      const figures = JSON.stringify(await this.figures.figuresOf(manager, unit, report.year));
      const version = report.version + 1;
      await this.workflow.transition(manager, {
        ...REVIEWED,
        id,
        from: report.status,
        action: 'submit',
        actor: this.authorActor(principal, unit),
        changes: { figures, figuresAt: now, version, submittedAt: now, decidedAt: null },
        note: `第 ${version} 版`,
      });
      await manager.insert(OrgReportVersionEntity, submittedVersion(id, version, report.summary, figures, principal.userId, now));
      return this.present(manager, await this.load(manager, principal, id));
    });
  }

  approve(principal: Principal, id: string, comment: string | undefined): Promise<OrgReport> {
    return this.decide(principal, id, 'approve', comment?.trim() || null);
  }

  return(principal: Principal, id: string, comment: string): Promise<OrgReport> {
    return this.decide(principal, id, 'return', comment.trim());
  }

  private async decide(principal: Principal, id: string, action: ReviewAction, comment: string | null): Promise<OrgReport> {
    return inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.load(manager, principal, id);
      const { report, unit } = ctx;
      ORG_REPORT_WORKFLOW.require(action, report.status, ctx.rel);
      const now = this.clock.now();
      const grant = this.access.grantFor(principal, ['committee_admin'], orgNode(unit));
      const actor: Actor = { userId: principal.userId, role: grant?.role === 'system_admin' ? 'system_admin' : 'committee_admin', name: grant?.scopeName ?? '工委' };
      await this.workflow.transition(manager, { ...REVIEWED, id, from: report.status, action, actor, changes: { decidedAt: now }, note: comment });
      await manager.update(OrgReportVersionEntity, { reportId: id, version: report.version }, versionDecision(action, comment, { userId: principal.userId, name: actor.name.slice(0, 60) }, now));
      return this.present(manager, await this.load(manager, principal, id));
    });
  }

  // ---------- reads ----------

  async get(principal: Principal, id: string): Promise<OrgReport> {
    const manager = this.dataSource.manager;
    return this.present(manager, await this.load(manager, principal, id));
  }

  /** The caller's units' reports (org admin) or those of the units under the caller's committee (review queue). */
  async list(principal: Principal, query: OrgReportListQuery): Promise<OrgReportPage> {
    const scope = listScope(principal, [...LIST_ROLES], { organisation: '`r`.`unitId`' });
    if (!scope) throw AppException.forbidden('只有机关党组织管理员和工委管理员可以查看机关党组织年度报告');
    const conditions = [scope.sql];
    const params = [...scope.params];
    const filters: Array<[string, unknown]> = [
      ['year', query.year],
      ['status', query.status],
      ['unitId', query.unitId],
    ];
    for (const [column, value] of filters) {
      if (value === undefined) continue;
      conditions.push(`\`r\`.\`${column}\` = ?`);
      params.push(value);
    }
    const where = conditions.join(' AND ');
    const manager = this.dataSource.manager;
    const ids: Array<{ id: string }> = await manager.query(
      `SELECT \`r\`.\`id\` AS \`id\` FROM \`org_reports\` \`r\` WHERE ${where} ORDER BY \`r\`.\`year\` DESC, \`r\`.\`updatedAt\` DESC, \`r\`.\`id\` DESC LIMIT ${Number(query.pageSize)} OFFSET ${(query.page - 1) * query.pageSize}`,
      params,
    );
    const [{ total }] = (await manager.query(`SELECT COUNT(*) AS \`total\` FROM \`org_reports\` \`r\` WHERE ${where}`, params)) as Array<{ total: number | string }>;
    const rows = ids.length ? await manager.find(OrgReportEntity, { where: { id: In(ids.map((r) => r.id)) } }) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ordered = ids.map((r) => byId.get(r.id)).filter((r): r is OrgReportEntity => !!r);
    const [units, assessments] = await Promise.all([
      this.organisations.nodesOf(
        ordered.map((r) => r.unitId),
        manager,
      ),
      ordered.length ? manager.find(AgreementAssessmentEntity, { where: { unitId: In(ordered.map((r) => r.unitId)) } }) : Promise.resolve([]),
    ]);
    return {
      items: ordered.map((r) => ({
        id: r.id,
        year: r.year,
        status: r.status,
        statusLabel: ORG_REPORT_STATUS_LABELS[r.status],
        unit: { id: r.unitId, name: units.get(r.unitId)?.name ?? '单位' },
        version: r.version,
        submittedAt: r.submittedAt?.toISOString() ?? null,
        assessments: assessments.filter((a) => a.unitId === r.unitId && a.year === r.year).length,
        updatedAt: r.updatedAt.toISOString(),
      })),
      total: Number(total),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  // ---------- the streets' assessments of agreements ----------

  /** One agreement's assessments for a year, for its street, its unit and the committee; and whether the caller may assess. */
  async assessmentsOfAgreement(principal: Principal, agreementId: string, year: number | undefined): Promise<AgreementAssessments> {
    const manager = this.dataSource.manager;
    const { pairing, street, unit, rel } = await this.loadAgreement(manager, principal, agreementId);
    const viewer = rel.has.has('street') || this.access.holds(principal, ['org_admin', 'committee_admin'], orgNode(unit)) || this.access.holds(principal, ['committee_admin'], street);
    if (!viewer) throw AppException.forbidden('只有签约双方和上级工委可以查看协议评价');
    const y = year ?? cstYear(this.clock.now());
    const rows = await manager.find(AgreementAssessmentEntity, { where: { agreementId, year: y }, order: { createdAt: 'ASC' } });
    return {
      agreementId,
      year: y,
      unit: { id: unit.id, name: unit.name },
      street: pairing.street,
      canAssess: rel.has.has('street') && pairing.activeIn(y) && y <= cstYear(this.clock.now()),
      items: await this.presentAssessments(manager, rows, principal),
    };
  }

  /** The street official of the agreement's street assesses it for a year (优秀/良好/一般/较差 + comment); a revision replaces it. */
  async assess(principal: Principal, agreementId: string, input: AssessAgreement): Promise<AgreementAssessments> {
    return inTransaction(this.dataSource, async (manager) => {
      const { pairing, rel } = await this.loadAgreement(manager, principal, agreementId);
      AGREEMENT_ASSESSMENT_WORKFLOW.require('assess', pairing.activeIn(input.year) ? 'open' : 'inactive', rel);
      const now = this.clock.now();
      if (input.year > cstYear(now)) AGREEMENT_ASSESSMENT_WORKFLOW.refuse('year_not_started', { year: input.year });
      const existing = await manager.findOne(AgreementAssessmentEntity, { where: { agreementId, year: input.year, streetId: pairing.street.id } });
      if (existing) {
        await manager.update(AgreementAssessmentEntity, { id: existing.id }, { grade: input.grade, comment: input.comment, assessorUserId: principal.userId, updatedAt: now });
      } else {
        await manager.insert(AgreementAssessmentEntity, {
          id: newId(),
          agreementId,
          unitId: pairing.unitId,
          year: input.year,
          streetId: pairing.street.id,
          grade: input.grade,
          comment: input.comment,
          assessorUserId: principal.userId,
          createdAt: now,
          updatedAt: now,
        });
      }
      const rows = await manager.find(AgreementAssessmentEntity, { where: { agreementId, year: input.year }, order: { createdAt: 'ASC' } });
      const unit = (await this.organisations.nodeOf(pairing.unitId, manager))!;
      return {
        agreementId,
        year: input.year,
        unit: { id: unit.id, name: unit.name },
        street: pairing.street,
        canAssess: true,
        items: await this.presentAssessments(manager, rows, principal),
      };
    });
  }

  private async loadAgreement(manager: EntityManager, principal: Principal, agreementId: string) {
    const pairing: AgreementPairing | null = await this.agreements.pairing(agreementId, manager);
    if (!pairing) throw AppException.notFound('没有找到这份共建协议');
    const [streetNode, unit] = await Promise.all([this.regions.nodeOf(pairing.street.id, manager), this.organisations.nodeOf(pairing.unitId, manager)]);
    if (!streetNode || !unit) throw AppException.notFound('没有找到这份共建协议的街道或单位');
    const street: ScopeNode = { kind: 'region', id: streetNode.id, path: streetNode.path };
    const rel = relations<AgreementAssessmentRelation>(
      [this.access.holds(principal, ['street_official'], street) && 'street'],
      [this.access.holdsElsewhere(principal, ['street_official'], street) && 'street'],
    );
    return { pairing, street, unit, rel };
  }

  private async presentAssessments(manager: EntityManager, rows: AgreementAssessmentEntity[], principal: Principal | null): Promise<AgreementAssessment[]> {
    const streets = await this.regions.nodesOf(
      rows.map((a) => a.streetId),
      manager,
    );
    const own = new Set(principal?.assignments.filter((a) => a.role === 'street_official').map((a) => a.scopeId) ?? []);
    return rows.map((a) => ({
      id: a.id,
      agreementId: a.agreementId,
      year: a.year,
      street: { id: a.streetId, name: streets.get(a.streetId)?.name ?? '街道' },
      grade: a.grade,
      gradeLabel: ASSESSMENT_GRADE_LABELS[a.grade],
      comment: a.comment,
      mine: own.has(a.streetId),
      at: a.updatedAt.toISOString(),
    }));
  }

  // ---------- context and presentation ----------

  /** The unit a report is written for: the one named (an org admin's or below one), or the caller's only one. */
  private async unitFor(manager: EntityManager, principal: Principal, unitId: string | undefined): Promise<OrganisationNode> {
    if (unitId) {
      const node = await this.organisations.nodeOf(unitId, manager);
      if (!node || node.level !== 'unit') throw AppException.notFound('没有找到这个单位');
      return node;
    }
    const units = new Map<string, OrganisationNode>();
    for (const a of this.access.scopesOf(principal, ['org_admin'], 'organisation')) {
      const node = a.scopeId ? await this.organisations.nodeOf(a.scopeId, manager) : null;
      const unit = node ? await this.organisations.unitNodeOf(node, manager) : null;
      if (unit) units.set(unit.id, unit);
    }
    if (units.size === 0) throw toException(ORG_REPORT_WORKFLOW.refusal('create', 'draft', relations<OrgReportRelation>([]))!);
    if (units.size > 1) ORG_REPORT_WORKFLOW.refuse('choose_unit');
    return [...units.values()][0];
  }

  private relationsOf(principal: Principal, unit: OrganisationNode): Relations<OrgReportRelation> {
    const node = orgNode(unit);
    const author = this.access.holds(principal, ['org_admin'], node);
    const reviewer = this.access.holds(principal, ['committee_admin'], node);
    return relations<OrgReportRelation>(
      [author && 'author', reviewer && 'reviewer', (author || reviewer) && 'viewer'],
      [this.access.holdsElsewhere(principal, ['org_admin'], node) && 'author', this.access.holdsElsewhere(principal, ['committee_admin'], node) && 'reviewer'],
    );
  }

  private async load(manager: EntityManager, principal: Principal, id: string): Promise<OrgReportContext> {
    const report = await manager.findOne(OrgReportEntity, { where: { id } });
    if (!report) throw AppException.notFound('没有找到这份年度报告');
    const unit = await this.organisations.nodeOf(report.unitId, manager);
    if (!unit) throw AppException.notFound('没有找到这份年度报告的单位');
    const rel = this.relationsOf(principal, unit);
    if (!rel.has.size) throw AppException.forbidden(rel.elsewhere?.size ? '该年度报告不属于您管理的单位或工委' : NOT_VISIBLE);
    return { report, unit, rel };
  }

  private async updateWorking(manager: EntityManager, report: OrgReportEntity, changes: Partial<OrgReportEntity>): Promise<void> {
    const result = await manager.update(OrgReportEntity, { id: report.id, status: report.status }, changes);
    if (!result.affected) throw AppException.conflict(STALE);
  }

  private authorActor(principal: Principal, unit: OrganisationNode): Actor {
    return { userId: principal.userId, role: this.access.scopesOf(principal, ['org_admin'], 'organisation').length ? 'org_admin' : 'system_admin', name: unit.name };
  }

  private async present(manager: EntityManager, ctx: OrgReportContext): Promise<OrgReport> {
    const { report, unit, rel } = ctx;
    const [versions, timeline, assessments] = await Promise.all([
      manager.find(OrgReportVersionEntity, { where: { reportId: report.id }, order: { version: 'DESC' } }),
      this.workflow.timeline(manager, 'org_report', report.id, ORG_REPORT_WORKFLOW),
      manager.find(AgreementAssessmentEntity, { where: { unitId: report.unitId, year: report.year }, order: { createdAt: 'ASC' } }),
    ]);
    return {
      id: report.id,
      year: report.year,
      status: report.status,
      statusLabel: ORG_REPORT_STATUS_LABELS[report.status],
      unit: { id: unit.id, name: unit.name },
      summary: report.summary,
      figures: JSON.parse(report.figures) as OrgReportFigures,
      version: report.version,
      submittedAt: report.submittedAt?.toISOString() ?? null,
      decidedAt: report.decidedAt?.toISOString() ?? null,
      versions: versions.map((v) => presentVersion<OrgReportFigures, object>(v, {})),
      timeline,
      assessments: await this.presentAssessments(manager, assessments, null),
      actions: ORG_REPORT_WORKFLOW.offered(report.status, rel) as OrgReportOfferedAction[],
      createdAt: report.createdAt.toISOString(),
      updatedAt: report.updatedAt.toISOString(),
    };
  }
}
