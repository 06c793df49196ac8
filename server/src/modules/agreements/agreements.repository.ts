import { Injectable } from '@nestjs/common';
import type { AgreementStatus } from '@nuancheng/shared';
import { Between, DataSource, EntityManager, In, IsNull, LessThan, LessThanOrEqual, MoreThanOrEqual, Not } from 'typeorm';
import type { SqlCondition } from '../../common/access/list-scope';
import { AgreementCommitmentEntity } from './agreement-commitment.entity';
import { AgreementEntity } from './agreement.entity';

/** States in which an agreement holds its place: a new one for the same unit and region must not overlap them. */
const LIVE_STATUSES: AgreementStatus[] = ['proposed', 'returned', 'in_force'];

/** Every query of agreements and their commitments. */
@Injectable()
export class AgreementsRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(manager: EntityManager, id: string): Promise<AgreementEntity | null> {
    return manager.findOneBy(AgreementEntity, { id });
  }

  byIds(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<AgreementEntity[]> {
    return ids.length ? manager.findBy(AgreementEntity, { id: In(ids) }) : Promise.resolve([]);
  }

  insert(manager: EntityManager, agreement: AgreementEntity): Promise<unknown> {
    return manager.insert(AgreementEntity, agreement);
  }

  /** Commitments of each agreement, in the order the unit wrote them. */
  async commitmentsOf(agreementIds: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, AgreementCommitmentEntity[]>> {
    const byAgreement = new Map<string, AgreementCommitmentEntity[]>(agreementIds.map((id) => [id, []]));
    if (!agreementIds.length) return byAgreement;
    const rows = await manager.find(AgreementCommitmentEntity, { where: { agreementId: In([...new Set(agreementIds)]) }, order: { agreementId: 'ASC', position: 'ASC' } });
    for (const row of rows) byAgreement.get(row.agreementId)?.push(row);
    return byAgreement;
  }

  commitmentsByIds(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<AgreementCommitmentEntity[]> {
    return ids.length ? manager.findBy(AgreementCommitmentEntity, { id: In([...new Set(ids)]) }) : Promise.resolve([]);
  }

  /** The resource list as proposed (again): the old lines go, the new ones come in the given order. */
  async replaceCommitments(manager: EntityManager, agreementId: string, rows: AgreementCommitmentEntity[]): Promise<void> {
    await manager.delete(AgreementCommitmentEntity, { agreementId });
    if (rows.length) await manager.insert(AgreementCommitmentEntity, rows);
  }

  /** A live agreement (proposed, returned, in force) of the same organisation and region whose term overlaps. */
  overlapping(manager: EntityManager, a: { organisationId: string; regionId: string; startDate: string; endDate: string; excludeId?: string }): Promise<AgreementEntity | null> {
    return manager.findOne(AgreementEntity, {
      where: {
        organisationId: a.organisationId,
        regionId: a.regionId,
        status: In(LIVE_STATUSES),
        startDate: LessThanOrEqual(a.endDate),
        endDate: MoreThanOrEqual(a.startDate),
        ...(a.excludeId ? { id: Not(a.excludeId) } : {}),
      },
    });
  }

  /**
   * Agreements in force on Beijing day `day` for any of `regionIds` (a community's own and its street's), or for
   * a whole street with its communities (`streetId`); optionally only those of one unit.
   */
  inForceOn(day: string, place: { regionIds?: string[]; streetId?: string }, unitId?: string, manager: EntityManager = this.dataSource.manager): Promise<AgreementEntity[]> {
    const where = {
      status: 'in_force' as const,
      startDate: LessThanOrEqual(day),
      endDate: MoreThanOrEqual(day),
      ...(place.regionIds ? { regionId: In(place.regionIds) } : {}),
      ...(place.streetId ? { streetId: place.streetId } : {}),
      ...(unitId ? { unitId } : {}),
    };
    return manager.find(AgreementEntity, { where, order: { countersignedAt: 'ASC', id: 'ASC' } });
  }

  /** A page of agreements in a scope (the list-scope condition on `a`), newest proposal first. */
  async page(scope: SqlCondition, status: AgreementStatus | undefined, page: number, pageSize: number): Promise<{ rows: AgreementEntity[]; total: number }> {
    const where = status ? `${scope.sql} AND \`a\`.\`status\` = ?` : scope.sql;
    const params = status ? [...scope.params, status] : scope.params;
    const ids: Array<{ id: string }> = await this.dataSource.query(
      `SELECT \`a\`.\`id\` AS \`id\` FROM \`agreements\` \`a\` WHERE ${where} ORDER BY \`a\`.\`proposedAt\` DESC, \`a\`.\`id\` DESC LIMIT ${Number(pageSize)} OFFSET ${(Number(page) - 1) * Number(pageSize)}`,
      params,
    );
    const [{ total }] = (await this.dataSource.query(`SELECT COUNT(*) AS \`total\` FROM \`agreements\` \`a\` WHERE ${where}`, params)) as Array<{ total: number | string }>;
    if (!ids.length) return { rows: [], total: Number(total) };
    const byId = new Map((await this.byIds(ids.map((r) => r.id))).map((a) => [a.id, a]));
    return { rows: ids.map((r) => byId.get(r.id)!).filter(Boolean), total: Number(total) };
  }

  /** In force with a last day before `today`: due to expire. */
  dueToExpire(today: string, limit = 500): Promise<AgreementEntity[]> {
    return this.dataSource.getRepository(AgreementEntity).find({ where: { status: 'in_force', endDate: LessThan(today) }, take: limit });
  }

  /** In force, ending between `today` and `until` (inclusive), not yet reminded. */
  toRemind(today: string, until: string, limit = 500): Promise<AgreementEntity[]> {
    return this.dataSource.getRepository(AgreementEntity).find({ where: { status: 'in_force', remindedAt: IsNull(), endDate: Between(today, until) }, take: limit });
  }

  /** Marks the reminder sent; false when another instance already did. */
  async markReminded(manager: EntityManager, id: string, at: Date): Promise<boolean> {
    return (await manager.update(AgreementEntity, { id, remindedAt: IsNull() }, { remindedAt: at })).affected === 1;
  }

  /** Agreements in force of these organisations (a partner's admin looking at a place). */
  async organisationsInForce(organisationIds: string[], day: string, manager: EntityManager = this.dataSource.manager): Promise<AgreementEntity[]> {
    if (!organisationIds.length) return [];
    return manager.find(AgreementEntity, { where: { organisationId: In(organisationIds), status: 'in_force', startDate: LessThanOrEqual(day), endDate: MoreThanOrEqual(day) } });
  }
}
