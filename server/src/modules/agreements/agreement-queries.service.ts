import { Injectable } from '@nestjs/common';
import {
  maskPhone,
  ROLE_LABELS,
  type Agreement,
  type AgreementListQuery,
  type AgreementOfferedAction,
  type AgreementPage,
  type AgreementSummary,
  type Commitment,
  type CommitmentCategory,
  type Delivery,
  type Role,
  type Signature,
  type TimelineEntry,
} from '@nuancheng/shared';
import { DataSource, EntityManager } from 'typeorm';
import { listScope } from '../../common/access/list-scope';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { DataCipher } from '../../common/crypto/data-cipher';
import { AppException } from '../../common/errors/app.exception';
import { AuditService } from '../audit/audit.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { RegionsService } from '../regions/regions.service';
import { WorkflowService } from '../workflow/workflow.service';
import type { AgreementCommitmentEntity } from './agreement-commitment.entity';
import { AgreementDeliveriesService } from './agreement-deliveries';
import { AgreementContextService, type AgreementContext } from './agreement-context.service';
import type { AgreementEntity } from './agreement.entity';
import { AGREEMENT_WORKFLOW } from './agreements.policy';
import { AgreementsRepository } from './agreements.repository';
import { daysLeft, termCovers } from './agreements.rules';

/** Who lists agreements: the units' admins, the streets' officials, the communities' staff, the committees. */
export const AGREEMENT_LIST_ROLES: Role[] = ['org_admin', 'street_official', 'community_staff', 'committee_admin'];

const NONE: Delivery = { services: 0, minutes: 0, valueYuan: 0 };
const signature = (role: string, name: string, at: Date): Signature => ({ role, roleLabel: ROLE_LABELS[role as Role] ?? role, name, at: at.toISOString() });

/** Every read of agreements: details with delivery, lists, timelines; and the delivery counts the 1+N view uses. */
@Injectable()
export class AgreementQueriesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: AgreementsRepository,
    private readonly contexts: AgreementContextService,
    private readonly deliveries: AgreementDeliveriesService,
    private readonly regions: RegionsService,
    private readonly organisations: OrganisationsService,
    private readonly workflow: WorkflowService,
    private readonly cipher: DataCipher,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Delivered against each agreement's commitments, by category: the ledger's entries of the partner (anything in
   * its subtree) in the agreement's street (and community), in its term (until it ended early), read from
   * agreement_deliveries (agreement-deliveries.ts keeps it equal to that count). One statement.
   */
  deliveryOf(agreements: Array<Pick<AgreementEntity, 'id'>>, manager: EntityManager = this.dataSource.manager): Promise<Map<string, Map<CommitmentCategory, Delivery>>> {
    return this.deliveries.of(
      agreements.map((a) => a.id),
      manager,
    );
  }

  commitments(rows: AgreementCommitmentEntity[], delivered: Map<CommitmentCategory, Delivery> | undefined): Commitment[] {
    return rows.map((c) => ({ id: c.id, category: c.category, description: c.description, quantity: c.quantity, unit: c.unit, delivered: delivered?.get(c.category) ?? NONE }));
  }

  /**
   * One agreement as the caller may see it, read with `manager` (a command passes its transaction). The contact's
   * phone is for the two signing sides; the other side's read of it is audited.
   */
  async detail(id: string, principal: Principal | undefined, manager: EntityManager = this.dataSource.manager): Promise<Agreement> {
    const ctx = await this.contexts.load(manager, id, principal);
    if (!this.contexts.visible(ctx.rel)) throw AppException.notFound('没有找到这份共建协议');
    const { agreement: a } = ctx;
    const [commitments, delivery, unit] = await Promise.all([
      this.repository.commitmentsOf([a.id], manager),
      this.deliveryOf([a], manager),
      a.unitId === ctx.organisation.id ? ctx.organisation : this.organisations.nodeOf(a.unitId, manager),
    ]);
    const seesPhone = ctx.rel.has.has('proposer') || ctx.rel.has.has('counterparty');
    const phone = this.cipher.decrypt(a.contactPhoneCipher);
    if (seesPhone && principal && !ctx.rel.has.has('proposer')) {
      await this.audit.record(manager, {
        actorId: principal.userId,
        action: 'agreement.contact.read',
        subjectType: 'agreement',
        subjectId: a.id,
        detail: { fields: ['contactPhone'] },
        reason: '协议签署方',
        read: true,
      });
    }
    return {
      ...this.summary(a, ctx, commitments.get(a.id) ?? []),
      unit: { id: a.unitId, name: unit?.name ?? '' },
      community: ctx.region.level === 'community' ? { id: ctx.region.id, name: ctx.region.name } : null,
      contact: { name: a.contactName, phone: seesPhone ? phone : maskPhone(phone) },
      note: a.note,
      commitments: this.commitments(commitments.get(a.id) ?? [], delivery.get(a.id)),
      signatures: {
        proposer: signature(a.proposerRole, a.proposerName, a.proposedAt),
        countersigner: a.countersignedAt ? signature(a.countersignerRole ?? '', a.countersignerName ?? '', a.countersignedAt) : null,
      },
      returnReason: a.status === 'returned' ? a.returnReason : null,
      endReason: a.endReason,
      endedAt: a.endedAt ? a.endedAt.toISOString() : null,
      registered: a.status === 'in_force' && termCovers(a, this.clock.now()),
      actions: AGREEMENT_WORKFLOW.offered(a.status, ctx.rel) as AgreementOfferedAction[],
    };
  }

  private summary(a: AgreementEntity, parties: Pick<AgreementContext, 'organisation' | 'region' | 'street'>, commitments: AgreementCommitmentEntity[]): AgreementSummary {
    return {
      id: a.id,
      status: a.status,
      organisation: { id: parties.organisation.id, name: parties.organisation.name, level: parties.organisation.level },
      region: { id: parties.region.id, name: parties.region.name, level: parties.region.level },
      street: { id: parties.street.id, name: parties.street.name },
      startDate: a.startDate,
      endDate: a.endDate,
      categories: commitments.map((c) => c.category),
      daysLeft: a.status === 'in_force' ? daysLeft(a.endDate, this.clock.now()) : null,
      proposedAt: a.proposedAt.toISOString(),
      countersignedAt: a.countersignedAt ? a.countersignedAt.toISOString() : null,
    };
  }

  /** My unit's agreements (org admin), my street's (official), my community's (staff), everything below (committee). */
  async list(principal: Principal, query: AgreementListQuery): Promise<AgreementPage> {
    const scope = listScope(principal, AGREEMENT_LIST_ROLES, { community: '`a`.`regionId`', street: '`a`.`streetId`', organisation: '`a`.`organisationId`' });
    if (!scope) throw AppException.forbidden('只有单位党组织管理员、街道干部、社区工作人员和工委管理员可以查看共建协议');
    const { rows, total } = await this.repository.page(scope, query.status, query.page, query.pageSize);
    return { items: await this.summaries(rows), total, page: query.page, pageSize: query.pageSize };
  }

  async summaries(rows: AgreementEntity[], manager: EntityManager = this.dataSource.manager): Promise<AgreementSummary[]> {
    const [orgs, regions, commitments] = await Promise.all([
      this.organisations.nodesOf(
        rows.map((a) => a.organisationId),
        manager,
      ),
      this.regions.nodesOf(
        rows.flatMap((a) => [a.regionId, a.streetId]),
        manager,
      ),
      this.repository.commitmentsOf(
        rows.map((a) => a.id),
        manager,
      ),
    ]);
    return rows
      .filter((a) => orgs.has(a.organisationId) && regions.has(a.regionId) && regions.has(a.streetId))
      .map((a) => this.summary(a, { organisation: orgs.get(a.organisationId)!, region: regions.get(a.regionId)!, street: regions.get(a.streetId)! }, commitments.get(a.id) ?? []));
  }

  async timeline(id: string, principal: Principal): Promise<{ items: TimelineEntry[] }> {
    const ctx = await this.contexts.load(this.dataSource.manager, id, principal);
    if (!this.contexts.visible(ctx.rel)) throw AppException.notFound('没有找到这份共建协议');
    return { items: await this.workflow.timeline(this.dataSource.manager, 'agreement', id, AGREEMENT_WORKFLOW) };
  }
}
