import { Injectable } from '@nestjs/common';
import { DISPATCH_ANSWER_DAYS, type Dispatch, type DispatchAnswer, type DispatchWish, type WishDetail } from '@nuancheng/shared';
import { DataSource } from 'typeorm';
import { listScope } from '../../common/access/list-scope';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { AppException, ErrorCode } from '../../common/errors/app.exception';
import { isUniqueViolation } from '../../common/errors/error.filter';
import { DomainEvents } from '../../common/events/domain-events';
import { newId } from '../../common/ids';
import { SYSTEM_ACTOR, type Actor } from '../../common/workflow/actor';
import { relations } from '../../common/workflow/workflow';
import { OrganisationsService } from '../organisations/organisations.service';
import { UsersService } from '../users/users.service';
import { WorkflowService } from '../workflow/workflow.service';
import { WishDispatchEntity } from './entities/wish-dispatch.entity';
import { WishContextService } from './wish-context.service';
import { WishQueriesService } from './wish-queries.service';
import { WISH_WORKFLOW, type DispatchRelation } from './wishes.policy';
import { WishesRepository } from './wishes.repository';
import { addDays } from './wishes.rules';
import { WishesService } from './wishes.service';

/** 督办: street officials hand overdue wishes to organisations, which accept (a claim) or decline. */
@Injectable()
export class DispatchesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contexts: WishContextService,
    private readonly wishes: WishesService,
    private readonly queries: WishQueriesService,
    private readonly repository: WishesRepository,
    private readonly workflow: WorkflowService,
    private readonly events: DomainEvents,
    private readonly organisations: OrganisationsService,
    private readonly users: UsersService,
    private readonly clock: Clock,
  ) {}

  async dispatch(principal: Principal, wishId: string, input: DispatchWish): Promise<WishDetail> {
    const deadline = new Date(input.deadline);
    const now = this.clock.now();
    if (deadline.getTime() <= now.getTime()) throw AppException.badRequest('完成期限应晚于现在');
    const answerBy = addDays(now, DISPATCH_ANSWER_DAYS);
    // The unit answers first, then fulfils: a deadline inside the answer window would leave it no time.
    if (deadline.getTime() <= answerBy.getTime()) throw AppException.badRequest(`完成期限应晚于单位的答复期限（派单后 ${DISPATCH_ANSWER_DAYS} 天）`);
    return inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.contexts.load(manager, wishId, principal);
      WISH_WORKFLOW.require('dispatch', ctx.wish.status, ctx.rel, ctx.dispatch ? { key: 'dispatch_pending' } : null);
      const organisation = await this.organisations.nodeOf(input.organisationId, manager);
      if (!organisation) throw AppException.notFound('没有找到这个单位');
      const dispatch: WishDispatchEntity = {
        id: newId(),
        wishId,
        organisationId: organisation.id,
        dispatchedByUserId: principal.userId,
        status: 'pending',
        deadline,
        answerBy,
        note: input.note ?? null,
        declineReason: null,
        answeredByUserId: null,
        answeredAt: null,
        escalatedAt: null,
        createdAt: now,
      };
      await this.repository.insertDispatch(manager, dispatch);
      const actor = this.contexts.staffActor(principal, ctx.community);
      await this.wishes.transition(manager, ctx, 'dispatch', actor, {}, `派给${organisation.name}${input.note ? `：${input.note}` : ''}`);
      await this.workflow.record(manager, { subjectType: 'dispatch', subjectId: dispatch.id, action: 'create', from: null, to: 'pending', actor, note: input.note ?? null });
      await this.events.publish(manager, 'wish.dispatched', {
        wish: this.contexts.ref(ctx.wish),
        actor,
        dispatchId: dispatch.id,
        organisationId: organisation.id,
        organisationName: organisation.name,
        adminUserIds: await this.users.holdersOf(manager, 'org_admin', { organisationId: organisation.id }),
        answerBy: dispatch.answerBy,
        deadline,
      });
      return this.queries.detail(wishId, principal, manager);
    });
  }

  async answer(principal: Principal, dispatchId: string, input: DispatchAnswer): Promise<void> {
    try {
      await inTransaction(this.dataSource, async (manager) => {
        const dispatch = await this.repository.findDispatch(manager, dispatchId);
        if (!dispatch) throw AppException.notFound('没有找到这张派单');
        const organisation = (await this.organisations.nodeOf(dispatch.organisationId, manager))!;
        const rel = relations<DispatchRelation>([(await this.contexts.adminOf(principal, organisation.id, manager)) && 'dispatched_unit_admin']);
        const now = this.clock.now();
        const actor: Actor = { userId: principal.userId, role: 'org_admin', name: organisation.name };
        const ctx = await this.contexts.load(manager, dispatch.wishId, principal);
        if (input.decision === 'accept') {
          await this.wishes.moveDispatch(manager, dispatch, 'accept', rel, actor, { answeredByUserId: principal.userId, answeredAt: now });
          if (ctx.wish.status !== 'published') throw AppException.conflict('该心愿已被认领，无需再承接', ErrorCode.AlreadyClaimed);
          const claimant = await this.wishes.unitClaimant(manager, principal, organisation.id);
          await this.wishes.openClaim(manager, ctx, principal, claimant, dispatch.deadline, 'accept_dispatch', '承接街道派单');
          await this.events.publish(manager, 'wish.dispatch_accepted', {
            wish: this.contexts.ref(ctx.wish),
            actor,
            dispatchedByUserId: dispatch.dispatchedByUserId,
            organisationName: organisation.name,
          });
        } else {
          await this.wishes.moveDispatch(manager, dispatch, 'decline', rel, actor, { answeredByUserId: principal.userId, answeredAt: now, declineReason: input.reason! }, input.reason!);
          await this.wishes.transition(manager, ctx, 'decline_dispatch', actor, {}, input.reason!);
          await this.events.publish(manager, 'wish.dispatch_declined', {
            wish: this.contexts.ref(ctx.wish),
            actor,
            dispatchedByUserId: dispatch.dispatchedByUserId,
            organisationName: organisation.name,
            reason: input.reason!,
          });
        }
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw AppException.conflict('该心愿已被其他人认领', ErrorCode.AlreadyClaimed);
      throw error;
    }
  }

  /** A job: dispatches nobody answered in time go to the committee's board. */
  async escalateDue(): Promise<number> {
    const now = this.clock.now();
    let count = 0;
    for (const dispatch of await this.repository.dueDispatches(now)) {
      try {
        await inTransaction(this.dataSource, async (manager) => {
          await this.wishes.moveDispatch(manager, dispatch, 'escalate', relations<DispatchRelation>(['system']), SYSTEM_ACTOR, { escalatedAt: now });
          const ctx = await this.contexts.loadForSystem(manager, dispatch.wishId);
          if (ctx.wish.status === 'published') {
            await this.wishes.transition(manager, ctx, 'escalate', SYSTEM_ACTOR, {}, `派单 ${DISPATCH_ANSWER_DAYS} 天未答复，上报工委督办`);
          }
          count += 1;
        });
      } catch (error) {
        // Another instance got there first: its conditional update won, ours changed nothing.
        if (!(error instanceof AppException)) throw error;
      }
    }
    return count;
  }

  /** Dispatches to the units the caller administers (and the units below them), open ones first. */
  async mine(principal: Principal): Promise<{ items: Dispatch[] }> {
    const scope = listScope(principal, ['org_admin'], { organisation: '`d`.`organisationId`' });
    if (!scope) return { items: [] };
    const open = (d: WishDispatchEntity) => (d.status === 'pending' || d.status === 'escalated' ? 0 : 1);
    const dispatches = (await this.repository.dispatchesIn(scope)).sort((a, b) => open(a) - open(b));
    const [wishes, organisations] = await Promise.all([this.queries.summariesByIds(dispatches.map((d) => d.wishId)), this.organisations.nodesOf(dispatches.map((d) => d.organisationId))]);
    return {
      items: dispatches
        .filter((d) => wishes.has(d.wishId))
        .map((d) => ({
          id: d.id,
          wish: wishes.get(d.wishId)!,
          organisation: { id: d.organisationId, name: organisations.get(d.organisationId)?.name ?? '' },
          status: d.status,
          answerBy: d.answerBy.toISOString(),
          deadline: d.deadline.toISOString(),
          note: d.note,
          declineReason: d.declineReason,
          createdAt: d.createdAt.toISOString(),
        })),
    };
  }
}
