import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import type { SqlCondition } from '../../common/access/list-scope';
import { RegistrationEntity } from './registration.entity';

/** Every query on the registrations table (always in the caller's manager: a transaction's, or the pool's). */
@Injectable()
export class RegistrationsRepository {
  find(manager: EntityManager, id: string): Promise<RegistrationEntity | null> {
    return manager.findOneBy(RegistrationEntity, { id });
  }

  async insert(manager: EntityManager, registration: RegistrationEntity): Promise<void> {
    await manager.insert(RegistrationEntity, registration);
  }

  activeOf(manager: EntityManager, memberId: string): Promise<RegistrationEntity | null> {
    return manager.findOneBy(RegistrationEntity, { activeMemberId: memberId });
  }

  pendingOf(manager: EntityManager, memberId: string): Promise<RegistrationEntity | null> {
    return manager.findOneBy(RegistrationEntity, { pendingMemberId: memberId });
  }

  /** The active registrations of several members (for "this request would end the one in X"). */
  async activeOfMembers(manager: EntityManager, memberIds: string[]): Promise<Map<string, RegistrationEntity>> {
    const unique = [...new Set(memberIds)];
    if (!unique.length) return new Map();
    return new Map((await manager.findBy(RegistrationEntity, { activeMemberId: In(unique) })).map((r) => [r.memberId, r]));
  }

  latestOf(manager: EntityManager, memberId: string): Promise<RegistrationEntity | null> {
    return manager.findOne(RegistrationEntity, { where: { memberId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  /**
   * A page of registrations in a status inside the caller's scope (listScope over `r`.`communityId`), optionally
   * one community: pending ones oldest first (a queue), registered members by name of community then newest.
   */
  async page(
    manager: EntityManager,
    scope: SqlCondition,
    filter: { status: 'pending' | 'confirmed'; communityId?: string },
    page: number,
    pageSize: number,
  ): Promise<{ rows: RegistrationEntity[]; total: number }> {
    const conditions = ['`r`.`status` = ?', scope.sql];
    const params: unknown[] = [filter.status, ...scope.params];
    if (filter.communityId) {
      conditions.push('`r`.`communityId` = ?');
      params.push(filter.communityId);
    }
    const where = conditions.join(' AND ');
    const order = filter.status === 'pending' ? '`r`.`createdAt` ASC, `r`.`id` ASC' : '`r`.`decidedAt` DESC, `r`.`id` DESC';
    const [ids, count]: [Array<{ id: string }>, Array<{ total: unknown }>] = await Promise.all([
      manager.query(`SELECT \`r\`.\`id\` AS \`id\` FROM \`registrations\` \`r\` WHERE ${where} ORDER BY ${order} LIMIT ${Number(pageSize)} OFFSET ${(Number(page) - 1) * Number(pageSize)}`, params),
      manager.query(`SELECT COUNT(*) AS \`total\` FROM \`registrations\` \`r\` WHERE ${where}`, params),
    ]);
    if (!ids.length) return { rows: [], total: Number(count[0]?.total ?? 0) };
    const byId = new Map((await manager.findBy(RegistrationEntity, { id: In(ids.map((r) => r.id)) })).map((r) => [r.id, r]));
    return { rows: ids.map((r) => byId.get(r.id)!).filter(Boolean), total: Number(count[0]?.total ?? 0) };
  }
}
