import { Inject, Injectable } from '@nestjs/common';
import type { Dispatch, DispatchAnswer, DispatchWish } from '@nuancheng/shared';
import { DataSource, In } from 'typeorm';
import { AccessService } from '../../common/access/access.service';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { AppException, ErrorCode } from '../../common/errors/app.exception';
import { isUniqueViolation } from '../../common/errors/error.filter';
import { newId } from '../../common/ids';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { NotificationsService } from '../notifications/notifications.service';
import { OrganisationEntity } from '../organisations/organisation.entity';
import { RoleAssignmentEntity } from '../users/role-assignment.entity';
import { WishDispatchEntity } from './entities/wish-dispatch.entity';
import { WishContextService } from './wish-context.service';
import { WishesService } from './wishes.service';
import { addDays } from './wishes.rules';
import { WishQueriesService } from './wish-queries.service';

/** 督办: street officials hand overdue wishes to organisations, which accept (a claim) or decline. */
@Injectable()
export class DispatchesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contexts: WishContextService,
    private readonly wishes: WishesService,
    private readonly queries: WishQueriesService,
    private readonly access: AccessService,
    private readonly clock: Clock,
    private readonly notifications: NotificationsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async dispatch(principal: Principal, wishId: string, input: DispatchWish): Promise<void> {
    const deadline = new Date(input.deadline);
    const now = this.clock.now();
    if (deadline.getTime() <= now.getTime()) throw AppException.badRequest('完成期限应晚于现在');
    await inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.contexts.load(manager, wishId, principal);
      if (!ctx.viewer.isStreetOfficial && !this.access.holds(principal, ['committee_admin'], { kind: 'region', id: ctx.community.id, path: ctx.community.path })) {
        throw AppException.forbidden('只有所在街道的干部或工委管理员可以派单');
      }
      if (ctx.wish.status !== 'published') throw AppException.conflict('只有待认领的心愿可以派单', ErrorCode.WrongState);
      const organisation = await manager.findOneBy(OrganisationEntity, { id: input.organisationId });
      if (!organisation) throw AppException.notFound('没有找到这个单位');
      const pending = await manager.countBy(WishDispatchEntity, { wishId, status: In(['pending', 'escalated']) });
      if (pending) throw AppException.conflict('该心愿已派单，正在等待单位答复', ErrorCode.WrongState);
      await manager.insert(WishDispatchEntity, {
        id: newId(),
        wishId,
        organisationId: organisation.id,
        dispatchedByUserId: principal.userId,
        status: 'pending',
        deadline,
        answerBy: addDays(now, this.config.wishes.dispatchAnswerDays),
        note: input.note ?? null,
        declineReason: null,
        answeredByUserId: null,
        answeredAt: null,
        escalatedAt: null,
        createdAt: now,
      });
      await this.wishes.transition(manager, ctx.wish, 'dispatch', this.contexts.staffActor(principal, ctx.community), {}, `派给${organisation.name}${input.note ? `：${input.note}` : ''}`);
      const admins = await manager.findBy(RoleAssignmentEntity, { role: 'org_admin', organisationId: organisation.id });
      for (const admin of admins) {
        await this.notifications.notify(manager, { userId: admin.userId, kind: 'wish_status', title: '收到督办派单', body: `街道派给本单位心愿“${ctx.wish.title}”，请在 ${this.config.wishes.dispatchAnswerDays} 天内答复`, link: '/packages/admin/pages/dispatches/index' });
      }
    });
  }

  async answer(principal: Principal, dispatchId: string, input: DispatchAnswer): Promise<void> {
    try {
      await inTransaction(this.dataSource, async (manager) => {
        const dispatch = await manager.findOneBy(WishDispatchEntity, { id: dispatchId });
        if (!dispatch) throw AppException.notFound('没有找到这张派单');
        const organisation = await manager.findOneByOrFail(OrganisationEntity, { id: dispatch.organisationId });
        if (!this.access.holds(principal, ['org_admin'], { kind: 'organisation', id: organisation.id, path: organisation.path })) {
          throw AppException.forbidden('只有被派单单位的党组织管理员可以答复');
        }
        if (dispatch.status !== 'pending' && dispatch.status !== 'escalated') throw AppException.conflict('这张派单已经答复过了', ErrorCode.WrongState);
        const now = this.clock.now();
        const status = input.decision === 'accept' ? 'accepted' : 'declined';
        const updated = await manager.update(
          WishDispatchEntity,
          { id: dispatch.id, status: dispatch.status },
          { status, answeredByUserId: principal.userId, answeredAt: now, declineReason: input.decision === 'decline' ? input.reason! : null },
        );
        if (!updated.affected) throw AppException.conflict('这张派单刚刚已被处理，请刷新', ErrorCode.WrongState);
        const ctx = await this.contexts.load(manager, dispatch.wishId, principal);
        const actor = { userId: principal.userId, role: 'org_admin' as const, name: organisation.name };
        if (input.decision === 'accept') {
          if (ctx.wish.status !== 'published') throw AppException.conflict('该心愿已被认领，无需再承接', ErrorCode.AlreadyClaimed);
          const claimant = await this.wishes.unitClaimant(manager, principal, organisation.id);
          await this.wishes.openClaim(manager, ctx, principal, claimant, dispatch.deadline, 'accept_dispatch', '承接街道派单');
        } else {
          await this.wishes.transition(manager, ctx.wish, "decline_dispatch", actor, {}, input.reason!);
          await this.notifications.notify(manager, { userId: dispatch.dispatchedByUserId, kind: 'wish_status', title: '派单被拒绝', body: `${organisation.name}未能承接心愿“${ctx.wish.title}”：${input.reason}`, link: '/packages/admin/pages/overdue/index' });
        }
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw AppException.conflict('该心愿已被其他人认领', ErrorCode.AlreadyClaimed);
      throw error;
    }
  }

  /** Dispatches to the units the caller administers, open ones first. */
  async mine(principal: Principal): Promise<{ items: Dispatch[] }> {
    const paths = this.access.scopesOf(principal, ['org_admin'], 'organisation').map((a) => a.scopePath!);
    if (!paths.length) return { items: [] };
    const qb = this.dataSource
      .getRepository(WishDispatchEntity)
      .createQueryBuilder('d')
      .innerJoinAndSelect('d.organisation', 'o')
      .orderBy('d.createdAt', 'DESC')
      .limit(200);
    qb.where(`(${paths.map((_, i) => `o.path LIKE :p${i}`).join(' OR ')})`, Object.fromEntries(paths.map((p, i) => [`p${i}`, `${p}%`])));
    const open = (d: WishDispatchEntity) => (d.status === 'pending' || d.status === 'escalated' ? 0 : 1);
    const dispatches = (await qb.getMany()).sort((a, b) => open(a) - open(b));
    const wishes = await this.queries.summariesByIds(dispatches.map((d) => d.wishId));
    return {
      items: dispatches
        .filter((d) => wishes.has(d.wishId))
        .map((d) => ({
          id: d.id,
          wish: wishes.get(d.wishId)!,
          organisation: { id: d.organisation!.id, name: d.organisation!.name },
          status: d.status,
          deadline: d.deadline.toISOString(),
          note: d.note,
          declineReason: d.declineReason,
          createdAt: d.createdAt.toISOString(),
        })),
    };
  }
}
