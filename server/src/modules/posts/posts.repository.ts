import { Injectable } from '@nestjs/common';
import { EntityManager, In, LessThan } from 'typeorm';
import type { SqlCondition } from '../../common/access/list-scope';
import { PostHoldingEntity } from './post-holding.entity';
import { PostShiftEntity } from './post-shift.entity';
import { ServicePostEntity } from './service-post.entity';

export interface ShiftStats {
  pending: number;
  confirmed: number;
  confirmedMinutes: number;
}

const limitOffset = (page: number, pageSize: number) => `LIMIT ${Number(pageSize)} OFFSET ${(Number(page) - 1) * Number(pageSize)}`;

/** Every query on service_posts, post_holdings and post_shifts, in the caller's manager. */
@Injectable()
export class PostsRepository {
  // ── posts ────────────────────────────────────────────────────────────────────────────────────────────

  findPost(manager: EntityManager, id: string): Promise<ServicePostEntity | null> {
    return manager.findOneBy(ServicePostEntity, { id });
  }

  async postsByIds(manager: EntityManager, ids: string[]): Promise<Map<string, ServicePostEntity>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    return new Map((await manager.findBy(ServicePostEntity, { id: In(unique) })).map((p) => [p.id, p]));
  }

  async insertPost(manager: EntityManager, post: ServicePostEntity): Promise<void> {
    await manager.insert(ServicePostEntity, post);
  }

  async updatePost(manager: EntityManager, id: string, changes: Partial<Pick<ServicePostEntity, 'name' | 'description' | 'updatedAt'>>): Promise<void> {
    await manager.update(ServicePostEntity, { id }, changes);
  }

  /** Takes a place if one is free: one conditional update, so two takes of the last place cannot both win. */
  async takePlace(manager: EntityManager, postId: string, now: Date): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(ServicePostEntity)
      .set({ taken: () => '`taken` + 1', updatedAt: now })
      .where('`id` = :postId AND `taken` < `places`', { postId })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async freePlace(manager: EntityManager, postId: string, now: Date): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(ServicePostEntity)
      .set({ taken: () => '`taken` - 1', updatedAt: now })
      .where('`id` = :postId AND `taken` > 0', { postId })
      .execute();
  }

  /** New number of places, never below the places taken (checked by the same update that writes it). */
  async setPlaces(manager: EntityManager, postId: string, places: number, now: Date): Promise<boolean> {
    const result = await manager.createQueryBuilder().update(ServicePostEntity).set({ places, updatedAt: now }).where('`id` = :postId AND `taken` <= :places', { postId, places }).execute();
    return (result.affected ?? 0) > 0;
  }

  async postsPage(manager: EntityManager, filter: { communityId?: string; streetId?: string }, page: number, pageSize: number): Promise<{ rows: ServicePostEntity[]; total: number }> {
    const where: Record<string, string> = {};
    if (filter.communityId) where.communityId = filter.communityId;
    if (filter.streetId) where.streetId = filter.streetId;
    const [rows, total] = await manager.findAndCount(ServicePostEntity, { where, order: { createdAt: 'ASC', id: 'ASC' }, skip: (page - 1) * pageSize, take: pageSize });
    return { rows, total };
  }

  // ── holdings ─────────────────────────────────────────────────────────────────────────────────────────

  findHolding(manager: EntityManager, id: string): Promise<PostHoldingEntity | null> {
    return manager.findOneBy(PostHoldingEntity, { id });
  }

  async insertHolding(manager: EntityManager, holding: PostHoldingEntity): Promise<void> {
    await manager.insert(PostHoldingEntity, holding);
  }

  activeHoldingOf(manager: EntityManager, memberId: string): Promise<PostHoldingEntity | null> {
    return manager.findOneBy(PostHoldingEntity, { liveMemberId: memberId });
  }

  activeHoldersOf(manager: EntityManager, postId: string): Promise<PostHoldingEntity[]> {
    return manager.find(PostHoldingEntity, { where: { postId, status: 'active' }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  holdingsOfMember(manager: EntityManager, memberId: string, limit = 10): Promise<PostHoldingEntity[]> {
    return manager.find(PostHoldingEntity, { where: { memberId }, order: { createdAt: 'DESC', id: 'DESC' }, take: limit });
  }

  /** Active holdings whose term ended before `today`. */
  dueHoldings(manager: EntityManager, today: string, limit = 200): Promise<PostHoldingEntity[]> {
    return manager.find(PostHoldingEntity, { where: { status: 'active', endsOn: LessThan(today) }, order: { endsOn: 'ASC', id: 'ASC' }, take: limit });
  }

  // ── shifts ───────────────────────────────────────────────────────────────────────────────────────────

  findShift(manager: EntityManager, id: string): Promise<PostShiftEntity | null> {
    return manager.findOneBy(PostShiftEntity, { id });
  }

  async insertShift(manager: EntityManager, shift: PostShiftEntity): Promise<void> {
    await manager.insert(PostShiftEntity, shift);
  }

  /** Minutes a member logged on a day, waiting or confirmed (rejected ones do not count). */
  async minutesOn(manager: EntityManager, memberId: string, date: string): Promise<number> {
    const rows: Array<{ total: unknown }> = await manager.query(
      "SELECT COALESCE(SUM(`minutes`), 0) AS `total` FROM `post_shifts` WHERE `memberId` = ? AND `serviceDate` = ? AND `status` IN ('pending', 'confirmed')",
      [memberId, date],
    );
    return Number(rows[0]?.total ?? 0);
  }

  async shiftStats(manager: EntityManager, holdingIds: string[]): Promise<Map<string, ShiftStats>> {
    const unique = [...new Set(holdingIds)];
    const stats = new Map<string, ShiftStats>(unique.map((id) => [id, { pending: 0, confirmed: 0, confirmedMinutes: 0 }]));
    if (!unique.length) return stats;
    const rows: Array<{ holdingId: string; status: string; n: unknown; minutes: unknown }> = await manager.query(
      `SELECT \`holdingId\`, \`status\`, COUNT(*) AS \`n\`, COALESCE(SUM(\`minutes\`), 0) AS \`minutes\` FROM \`post_shifts\` WHERE \`holdingId\` IN (${unique.map(() => '?').join(', ')}) GROUP BY \`holdingId\`, \`status\``,
      unique,
    );
    for (const row of rows) {
      const s = stats.get(row.holdingId)!;
      if (row.status === 'pending') s.pending = Number(row.n);
      if (row.status === 'confirmed') {
        s.confirmed = Number(row.n);
        s.confirmedMinutes = Number(row.minutes);
      }
    }
    return stats;
  }

  /** Shifts in a status inside the caller's scope (listScope over `s`.`communityId`): the waiting ones oldest first. */
  async shiftsInScope(
    manager: EntityManager,
    scope: SqlCondition,
    filter: { status: string; communityId?: string },
    page: number,
    pageSize: number,
  ): Promise<{ rows: PostShiftEntity[]; total: number }> {
    const conditions = ['`s`.`status` = ?', scope.sql];
    const params: unknown[] = [filter.status, ...scope.params];
    if (filter.communityId) {
      conditions.push('`s`.`communityId` = ?');
      params.push(filter.communityId);
    }
    const where = conditions.join(' AND ');
    const order = filter.status === 'pending' ? '`s`.`createdAt` ASC, `s`.`id` ASC' : '`s`.`decidedAt` DESC, `s`.`id` DESC';
    const [ids, count]: [Array<{ id: string }>, Array<{ total: unknown }>] = await Promise.all([
      manager.query(`SELECT \`s\`.\`id\` AS \`id\` FROM \`post_shifts\` \`s\` WHERE ${where} ORDER BY ${order} ${limitOffset(page, pageSize)}`, params),
      manager.query(`SELECT COUNT(*) AS \`total\` FROM \`post_shifts\` \`s\` WHERE ${where}`, params),
    ]);
    return { rows: await this.shiftsInOrder(manager, ids), total: Number(count[0]?.total ?? 0) };
  }

  async shiftsOfMember(manager: EntityManager, memberId: string, page: number, pageSize: number): Promise<{ rows: PostShiftEntity[]; total: number }> {
    const [rows, total] = await manager.findAndCount(PostShiftEntity, {
      where: { memberId },
      order: { serviceDate: 'DESC', createdAt: 'DESC', id: 'DESC' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    return { rows, total };
  }

  private async shiftsInOrder(manager: EntityManager, ids: Array<{ id: string }>): Promise<PostShiftEntity[]> {
    if (!ids.length) return [];
    const byId = new Map((await manager.findBy(PostShiftEntity, { id: In(ids.map((r) => r.id)) })).map((s) => [s.id, s]));
    return ids.map((r) => byId.get(r.id)!).filter(Boolean);
  }
}
