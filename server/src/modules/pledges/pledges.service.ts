import { HttpStatus, Injectable } from '@nestjs/common';
import { PLEDGE_GRADE_LABELS, type AssessPledge, type CompletePledge, type Pledge, type PledgeAssessorKind, type PledgeInput, type PledgeProgressInput, type ReviewPledge } from '@nuancheng/shared';
import { DataSource, EntityManager } from 'typeorm';
import type { Principal } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { AppException, ErrorCode } from '../../common/errors/app.exception';
import { isUniqueViolation } from '../../common/errors/error.filter';
import { DomainEvents } from '../../common/events/domain-events';
import { newId } from '../../common/ids';
import { pathIds } from '../../common/tree/materialised-path';
import type { Actor } from '../../common/workflow/actor';
import { relations, toException } from '../../common/workflow/workflow';
import { MembersService } from '../members/members.service';
import { OrganisationsService } from '../organisations/organisations.service';
import { RegionsService } from '../regions/regions.service';
import { UploadsService } from '../uploads/uploads.service';
import { WorkflowService } from '../workflow/workflow.service';
import { PledgeContextService, type PledgeContext } from './pledge-context.service';
import { PledgeQueriesService } from './pledge-queries.service';
import { PledgeEntity } from './pledge.entity';
import './pledges.events';
import { PLEDGE_WORKFLOW, type PledgeAction, type PledgeRelation } from './pledges.policy';
import { PledgesRepository } from './pledges.repository';
import { cstToday, dueDateProblem, publicNameOf } from './pledges.rules';

const STALE = '该承诺刚刚被他人处理，请刷新后再试';
const ASSESSOR_NAMES: Record<PledgeAssessorKind, string> = { branch: '党支部', community: '社区' };

/**
 * 一党员一践诺's commands. Each checks the action against the pledge workflow (pledges.policy.ts) with the caller's
 * relations, applies it with a conditional update and its timeline entry, publishes the event its subscribers
 * (notifications, ledger) act on, and answers the pledge as the caller now sees it — all in one transaction.
 */
@Injectable()
export class PledgesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contexts: PledgeContextService,
    private readonly queries: PledgeQueriesService,
    private readonly repository: PledgesRepository,
    private readonly workflow: WorkflowService,
    private readonly events: DomainEvents,
    private readonly clock: Clock,
    private readonly uploads: UploadsService,
    private readonly members: MembersService,
    private readonly organisations: OrganisationsService,
    private readonly regions: RegionsService,
  ) {}

  /** 承诺: a member's pledge for the due date's year, submitted to their branch secretary. One a year. */
  async create(principal: Principal, input: PledgeInput): Promise<Pledge> {
    const year = Number(input.dueDate.slice(0, 4));
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const member = await this.members.memberOfUser(principal.userId, manager);
        const rel = relations<PledgeRelation>([member !== null && 'member']);
        if (!PLEDGE_WORKFLOW.isAllowed('submit', rel)) throw toException({ status: HttpStatus.FORBIDDEN, code: ErrorCode.Forbidden, message: PLEDGE_WORKFLOW.action('submit').notYours });
        if (!member!.residenceCommunityId) PLEDGE_WORKFLOW.refuse('no_residence');
        const now = this.clock.now();
        const problem = dueDateProblem(input.dueDate, cstToday(now));
        if (problem) PLEDGE_WORKFLOW.refuse('due_date', { problem });
        if (await this.repository.findOfMember(manager, member!.id, year)) PLEDGE_WORKFLOW.refuse('one_a_year', { year });
        const [branch, community] = await Promise.all([this.organisations.nodeOf(member!.branchId, manager), this.regions.nodeOf(member!.residenceCommunityId!, manager)]);
        if (!branch || !community) throw AppException.notFound('没有找到您的党支部或居住社区');
        const id = newId();
        const pledge: PledgeEntity = {
          id,
          memberId: member!.id,
          year,
          branchId: branch.id,
          communityId: community.id,
          streetId: pathIds(community.path).at(-2)!,
          content: input.content,
          target: input.target,
          dueDate: input.dueDate,
          category: input.category,
          nameDisplay: input.nameDisplay,
          publicName: publicNameOf(member!.name, input.nameDisplay),
          status: 'submitted',
          returnReason: null,
          evidenceNote: null,
          approvedByUserId: null,
          submittedAt: now,
          approvedAt: null,
          doneAt: null,
          assessedAt: null,
          createdAt: now,
          updatedAt: now,
        };
        await this.repository.insert(manager, pledge);
        const actor = this.contexts.memberActor(principal, member!);
        await this.workflow.record(manager, { subjectType: 'pledge', subjectId: id, action: 'submit', from: null, to: 'submitted', actor, note: null });
        await this.events.publish(manager, 'pledge.submitted', {
          pledge: this.contexts.ref({ pledge, member }),
          revised: false,
          secretaryUserIds: (await this.contexts.secretariesOf(manager, branch)).filter((u) => u !== principal.userId),
          actor,
        });
        return this.queries.detail(id, principal, manager);
      });
    } catch (error) {
      // The unique index (member, year) is the referee when two pledges race past the check.
      if (isUniqueViolation(error)) PLEDGE_WORKFLOW.refuse('one_a_year', { year });
      throw error;
    }
  }

  /** One command on a pledge: lock it, load it with the caller's relations, run `work`, answer it as the caller sees it. */
  private command(principal: Principal, id: string, work: (manager: EntityManager, ctx: PledgeContext) => Promise<void>): Promise<Pledge> {
    return inTransaction(this.dataSource, async (manager) => {
      const ctx = await this.contexts.load(manager, id, principal, true);
      await work(manager, ctx);
      return this.queries.detail(id, principal, manager);
    });
  }

  private async move(manager: EntityManager, ctx: PledgeContext, action: PledgeAction, actor: Actor, changes: Partial<PledgeEntity> = {}, note: string | null = null): Promise<void> {
    const to = await this.workflow.transition(manager, {
      workflow: PLEDGE_WORKFLOW,
      subjectType: 'pledge',
      entity: PledgeEntity,
      id: ctx.pledge.id,
      from: ctx.pledge.status,
      action,
      actor,
      changes,
      note,
      stale: STALE,
    });
    Object.assign(ctx.pledge, changes, { status: to });
  }

  /** The member revises a returned (or still pending) pledge and submits it again; it stays in its year. */
  revise(principal: Principal, id: string, input: PledgeInput): Promise<Pledge> {
    return this.command(principal, id, async (manager, ctx) => {
      PLEDGE_WORKFLOW.require('revise', ctx.pledge.status, ctx.rel);
      const member = ctx.member!;
      const problem = dueDateProblem(input.dueDate, cstToday(this.clock.now()), { year: ctx.pledge.year, previous: ctx.pledge.dueDate });
      if (problem) PLEDGE_WORKFLOW.refuse('due_date', { problem });
      // The member's branch and residence now: who approves it and where it will be public.
      const [branch, community] = await Promise.all([
        this.organisations.nodeOf(member.branchId, manager),
        member.residenceCommunityId ? this.regions.nodeOf(member.residenceCommunityId, manager) : ctx.community,
      ]);
      const actor = this.contexts.memberActor(principal, member);
      await this.move(
        manager,
        ctx,
        'revise',
        actor,
        {
          content: input.content,
          target: input.target,
          dueDate: input.dueDate,
          category: input.category,
          nameDisplay: input.nameDisplay,
          publicName: publicNameOf(member.name, input.nameDisplay),
          branchId: branch?.id ?? ctx.branch.id,
          communityId: community?.id ?? ctx.community.id,
          streetId: pathIds((community ?? ctx.community).path).at(-2)!,
          returnReason: null,
          submittedAt: this.clock.now(),
        },
        null,
      );
      await this.events.publish(manager, 'pledge.submitted', {
        pledge: this.contexts.ref(ctx),
        revised: true,
        secretaryUserIds: (await this.contexts.secretariesOf(manager, branch ?? ctx.branch)).filter((u) => u !== principal.userId),
        actor,
      });
    });
  }

  /** 亮诺 (the pledge becomes public on the community page) or a return with the reason, by the branch secretary. */
  review(principal: Principal, id: string, input: ReviewPledge): Promise<Pledge> {
    return this.command(principal, id, async (manager, ctx) => {
      if (this.contexts.reviewsOwn(principal, ctx)) PLEDGE_WORKFLOW.refuse('own_pledge');
      const actor = this.contexts.secretaryActor(principal, ctx.branch);
      if (input.decision === 'approve') {
        PLEDGE_WORKFLOW.require('approve', ctx.pledge.status, ctx.rel);
        await this.move(manager, ctx, 'approve', actor, { approvedAt: this.clock.now(), approvedByUserId: principal.userId, returnReason: null });
        await this.events.publish(manager, 'pledge.approved', { pledge: this.contexts.ref(ctx), actor, reason: null });
      } else {
        PLEDGE_WORKFLOW.require('return', ctx.pledge.status, ctx.rel);
        await this.move(manager, ctx, 'return', actor, { returnReason: input.reason! }, input.reason!);
        await this.events.publish(manager, 'pledge.returned', { pledge: this.contexts.ref(ctx), actor, reason: input.reason! });
      }
    });
  }

  /** A progress note with optional photos on an approved pledge (the state stays; the update proves it). */
  progress(principal: Principal, id: string, input: PledgeProgressInput): Promise<Pledge> {
    return this.command(principal, id, async (manager, ctx) => {
      PLEDGE_WORKFLOW.require('progress', ctx.pledge.status, ctx.rel);
      const photos = await this.uploads.requireOwned(manager, principal.userId, input.photoIds);
      const progressId = newId();
      await this.repository.insertProgress(manager, { id: progressId, pledgeId: id, note: input.note, authorUserId: principal.userId, createdAt: this.clock.now() });
      if (photos.length)
        await this.uploads.attach(
          manager,
          photos.map((p) => p.id),
          `pledge-progress:${progressId}`,
        );
      await this.move(manager, ctx, 'progress', this.contexts.memberActor(principal, ctx.member!), {}, input.note);
    });
  }

  /** 践诺: done, with what was done as evidence and optional photos; the ledger credits it (pledge.done). */
  complete(principal: Principal, id: string, input: CompletePledge): Promise<Pledge> {
    return this.command(principal, id, async (manager, ctx) => {
      PLEDGE_WORKFLOW.require('complete', ctx.pledge.status, ctx.rel);
      const photos = await this.uploads.requireOwned(manager, principal.userId, input.photoIds);
      if (photos.length)
        await this.uploads.attach(
          manager,
          photos.map((p) => p.id),
          `pledge-evidence:${id}`,
        );
      const now = this.clock.now();
      const actor = this.contexts.memberActor(principal, ctx.member!);
      await this.move(manager, ctx, 'complete', actor, { doneAt: now, evidenceNote: input.evidence }, input.evidence);
      const [secretaries, staff] = await Promise.all([this.contexts.secretariesOf(manager, ctx.branch), this.contexts.staffOf(manager, ctx.pledge.communityId)]);
      await this.events.publish(manager, 'pledge.done', {
        pledge: this.contexts.ref(ctx),
        actor,
        at: now,
        assessorUserIds: [...new Set([...secretaries, ...staff])].filter((u) => u !== principal.userId),
      });
    });
  }

  /**
   * 评诺 by the branch secretary or by the residence community's staff, each once; when both are in, the pledge is
   * 已评诺. The pledge row is locked first, so two assessors at once take turns and the second one concludes.
   */
  async assess(principal: Principal, id: string, input: AssessPledge): Promise<Pledge> {
    let kind: PledgeAssessorKind = input.as ?? 'branch';
    try {
      return await this.command(principal, id, async (manager, ctx) => {
        if (this.contexts.reviewsOwn(principal, ctx)) PLEDGE_WORKFLOW.refuse('own_pledge');
        kind = input.as ?? this.assessorKind(ctx);
        const action: PledgeAction = kind === 'branch' ? 'assess_branch' : 'assess_community';
        PLEDGE_WORKFLOW.require(action, ctx.pledge.status, ctx.rel);
        if (!input.as && ctx.rel.has.has('branch_secretary') && ctx.rel.has.has('community_staff')) PLEDGE_WORKFLOW.refuse('assessor_unclear');
        const existing = await this.repository.assessmentsOf(manager, [id]);
        if (existing.some((a) => a.kind === kind)) PLEDGE_WORKFLOW.refuse('already_assessed', { by: ASSESSOR_NAMES[kind] });
        const actor = kind === 'branch' ? this.contexts.secretaryActor(principal, ctx.branch) : this.contexts.staffActor(principal, ctx.community);
        const now = this.clock.now();
        await this.repository.insertAssessment(manager, {
          id: newId(),
          pledgeId: id,
          kind,
          grade: input.grade,
          comment: input.comment,
          assessorUserId: principal.userId,
          assessorName: actor.name.slice(0, 60),
          createdAt: now,
        });
        const note = `${PLEDGE_GRADE_LABELS[input.grade]}：${input.comment}`;
        const concluded = existing.length + 1 === 2;
        if (concluded) {
          // The second assessment concludes it (the workflow's `conclude`): one conditional update and one timeline
          // entry (this assessment, done → assessed), so the timeline never shows the conclusion before its cause.
          const to = PLEDGE_WORKFLOW.require('conclude', ctx.pledge.status, relations<PledgeRelation>(['system']));
          if (!(await this.repository.conclude(manager, id, now))) throw AppException.conflict(STALE, ErrorCode.WrongState);
          await this.workflow.record(manager, { subjectType: 'pledge', subjectId: id, action, from: ctx.pledge.status, to, actor, note });
          Object.assign(ctx.pledge, { status: to, assessedAt: now });
        } else {
          await this.move(manager, ctx, action, actor, {}, note);
        }
        await this.events.publish(manager, 'pledge.assessed', { pledge: this.contexts.ref(ctx), kind, grade: input.grade, actor, concluded });
      });
    } catch (error) {
      // Each kind once: the unique index (pledge, kind) is the referee.
      if (isUniqueViolation(error)) PLEDGE_WORKFLOW.refuse('already_assessed', { by: ASSESSOR_NAMES[kind] });
      throw error;
    }
  }

  /** Which assessment the caller gives when they do not say: the one their relation allows (a refusal explains the rest). */
  private assessorKind(ctx: PledgeContext): PledgeAssessorKind {
    if (ctx.rel.has.has('branch_secretary')) return 'branch';
    if (ctx.rel.has.has('community_staff')) return 'community';
    return ctx.rel.elsewhere?.has('community_staff') && !ctx.rel.elsewhere.has('branch_secretary') ? 'community' : 'branch';
  }
}
