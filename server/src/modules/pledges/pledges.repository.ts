import { Injectable } from '@nestjs/common';
import { PLEDGE_OPEN_STATUSES, PLEDGE_PUBLIC_STATUSES, type PledgeAssessorKind, type PledgeStatus } from '@nuancheng/shared';
import { EntityManager, In } from 'typeorm';
import type { SqlCondition } from '../../common/access/list-scope';
import { PledgeAssessmentEntity } from './pledge-assessment.entity';
import { PledgeProgressEntity } from './pledge-progress.entity';
import { PledgeEntity } from './pledge.entity';

/** The columns of `pledges p` that place a pledge in the two trees, for `listScope`. */
export const PLEDGE_SCOPE_COLUMNS = { community: '`p`.`communityId`', street: '`p`.`streetId`', organisation: '`p`.`branchId`' };

export interface PledgeFilter {
  /** Who may see which rows: the caller's scopes (OR of conditions), already built with `listScope`. */
  scope: SqlCondition;
  status?: PledgeStatus;
  year?: number;
  branchId?: string;
  /** Past due (before this Beijing date) and not done. */
  overdueBefore?: string;
}

export type PledgeOrder = 'recent' | 'oldest' | 'due';

const placeholders = (list: readonly unknown[]) => list.map(() => '?').join(', ');
const OPEN = PLEDGE_OPEN_STATUSES as readonly string[];

/** What waits for an assessor of `kind`: a done pledge without their assessment yet. */
export const awaitingAssessment = (kind: PledgeAssessorKind): SqlCondition => ({
  sql: "(`p`.`status` = 'done' AND NOT EXISTS (SELECT 1 FROM `pledge_assessments` `a` WHERE `a`.`pledgeId` = `p`.`id` AND `a`.`kind` = ?))",
  params: [kind],
});

/** Every query of pledges, their progress notes and their assessments. */
@Injectable()
export class PledgesRepository {
  /**
   * Locks the pledge for the rest of the transaction, so commands on one pledge take turns (two assessors at once
   * both see both assessments; the last one concludes). It must be the transaction's first read: InnoDB's snapshot
   * starts at the first plain read. SQLite already runs one transaction at a time.
   */
  async lock(manager: EntityManager, id: string): Promise<void> {
    if (manager.connection.options.type === 'better-sqlite3') return;
    await manager.createQueryBuilder(PledgeEntity, 'p').select('p.id').where('p.id = :id', { id }).setLock('pessimistic_write').getRawOne();
  }

  find(manager: EntityManager, id: string): Promise<PledgeEntity | null> {
    return manager.findOneBy(PledgeEntity, { id });
  }

  findOfMember(manager: EntityManager, memberId: string, year: number): Promise<PledgeEntity | null> {
    return manager.findOneBy(PledgeEntity, { memberId, year });
  }

  async insert(manager: EntityManager, pledge: PledgeEntity): Promise<void> {
    await manager.insert(PledgeEntity, pledge);
  }

  async insertProgress(manager: EntityManager, progress: PledgeProgressEntity): Promise<void> {
    await manager.insert(PledgeProgressEntity, progress);
  }

  async insertAssessment(manager: EntityManager, assessment: PledgeAssessmentEntity): Promise<void> {
    await manager.insert(PledgeAssessmentEntity, assessment);
  }

  /** done → assessed, conditional on the state (both assessments are in). */
  async conclude(manager: EntityManager, id: string, at: Date): Promise<boolean> {
    const result = await manager.update(PledgeEntity, { id, status: 'done' }, { status: 'assessed', assessedAt: at, updatedAt: at });
    return Boolean(result.affected);
  }

  progressOf(manager: EntityManager, pledgeId: string): Promise<PledgeProgressEntity[]> {
    return manager.find(PledgeProgressEntity, { where: { pledgeId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  async assessmentsOf(manager: EntityManager, pledgeIds: string[]): Promise<PledgeAssessmentEntity[]> {
    if (!pledgeIds.length) return [];
    return manager.find(PledgeAssessmentEntity, { where: { pledgeId: In(pledgeIds) }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The member's pledges, newest year first. */
  ofMember(manager: EntityManager, memberId: string): Promise<PledgeEntity[]> {
    return manager.find(PledgeEntity, { where: { memberId }, order: { year: 'DESC', createdAt: 'DESC' } });
  }

  /** A page of a supervisor's list: the ids and the total in portable SQL, then the rows by id in that order. */
  async page(manager: EntityManager, filter: PledgeFilter, order: PledgeOrder, page: number, pageSize: number): Promise<{ rows: PledgeEntity[]; total: number }> {
    const where: string[] = [filter.scope.sql];
    const params: unknown[] = [...filter.scope.params];
    if (filter.status) {
      where.push('`p`.`status` = ?');
      params.push(filter.status);
    }
    if (filter.year !== undefined) {
      where.push('`p`.`year` = ?');
      params.push(filter.year);
    }
    if (filter.branchId) {
      where.push('`p`.`branchId` = ?');
      params.push(filter.branchId);
    }
    if (filter.overdueBefore) {
      where.push(`\`p\`.\`status\` IN (${placeholders(OPEN)}) AND \`p\`.\`dueDate\` < ?`);
      params.push(...OPEN, filter.overdueBefore);
    }
    const clause = where.map((w) => `(${w})`).join(' AND ');
    const orderBy = order === 'due' ? '`p`.`dueDate` ASC, `p`.`id` ASC' : order === 'oldest' ? '`p`.`updatedAt` ASC, `p`.`id` ASC' : '`p`.`updatedAt` DESC, `p`.`id` DESC';
    const [count] = (await manager.query(`SELECT COUNT(*) AS \`total\` FROM \`pledges\` \`p\` WHERE ${clause}`, params)) as Array<{ total: number | string }>;
    const total = Number(count?.total ?? 0);
    if (!total) return { rows: [], total };
    const ids = (
      (await manager.query(
        `SELECT \`p\`.\`id\` AS \`id\` FROM \`pledges\` \`p\` WHERE ${clause} ORDER BY ${orderBy} LIMIT ${Number(pageSize)} OFFSET ${(Number(page) - 1) * Number(pageSize)}`,
        params,
      )) as Array<{ id: string }>
    ).map((r) => r.id);
    if (!ids.length) return { rows: [], total };
    const byId = new Map((await manager.findBy(PledgeEntity, { id: In(ids) })).map((p) => [p.id, p]));
    return { rows: ids.map((id) => byId.get(id)!).filter(Boolean), total };
  }

  /** A community's public pledges of a year (亮诺 onwards), most recently approved first. */
  publicPage(manager: EntityManager, communityId: string, year: number, page: number, pageSize: number): Promise<[PledgeEntity[], number]> {
    return manager.findAndCount(PledgeEntity, {
      where: { communityId, year, status: In([...PLEDGE_PUBLIC_STATUSES]) },
      order: { approvedAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
  }

  /** A branch's pledges of a year by state, and how many are past due before `today`. */
  async branchCounts(manager: EntityManager, branchId: string, year: number, today: string): Promise<{ byStatus: Map<PledgeStatus, number>; overdue: number }> {
    const rows = (await manager.query('SELECT `status`, COUNT(*) AS `n` FROM `pledges` WHERE `branchId` = ? AND `year` = ? GROUP BY `status`', [branchId, year])) as Array<{
      status: PledgeStatus;
      n: number | string;
    }>;
    const [late] = (await manager.query(`SELECT COUNT(*) AS \`n\` FROM \`pledges\` WHERE \`branchId\` = ? AND \`year\` = ? AND \`status\` IN (${placeholders(OPEN)}) AND \`dueDate\` < ?`, [
      branchId,
      year,
      ...OPEN,
      today,
    ])) as Array<{ n: number | string }>;
    return { byStatus: new Map(rows.map((r) => [r.status, Number(r.n)])), overdue: Number(late?.n ?? 0) };
  }
}
