import { Injectable } from '@nestjs/common';
import { ROLE_LABELS, type Role, type TimelineEntry } from '@nuancheng/shared';
import { EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { Clock } from '../../common/clock';
import { insertRow, updateWhereIdAndStatus } from '../../common/database/insert-row';
import { AppException, ErrorCode } from '../../common/errors/app.exception';
import { newId } from '../../common/ids';
import type { Actor } from '../../common/workflow/actor';
import { toException, type Workflow } from '../../common/workflow/workflow';
import { TimelineEventEntity } from './timeline-event.entity';

export interface TransitionInput<S extends string, A extends string> {
  workflow: Workflow<S, A, string, string>;
  /** The timeline's subject type: wish, project, dispatch … */
  subjectType: string;
  /** The table holding the object; it has `id` and `status` columns (and `updatedAt`, set when present). */
  entity: EntityTarget<ObjectLiteral>;
  id: string;
  /** The state the object was read in. */
  from: S;
  action: A;
  actor: Actor;
  /** Other columns changed with the state. */
  changes?: ObjectLiteral;
  note?: string | null;
  /** Said when someone else changed the object between the read and this update. */
  stale: string;
}

export interface RecordInput {
  subjectType: string;
  subjectId: string;
  action: string;
  from: string | null;
  to: string;
  actor: Actor;
  note?: string | null;
}

/**
 * Applies a workflow's declaration to a row: a conditional `UPDATE … WHERE id = ? AND status = ?` and the
 * timeline entry, both in the caller's transaction. Of two racing changes one updates the row and the other
 * is told to refresh (409). The caller has already checked the action with `workflow.require`.
 */
@Injectable()
export class WorkflowService {
  constructor(private readonly clock: Clock) {}

  async transition<S extends string, A extends string>(manager: EntityManager, input: TransitionInput<S, A>): Promise<S> {
    const { workflow, from, action } = input;
    if (!workflow.action(action).from.includes(from)) throw toException(workflow.wrongState(action, from));
    const to = workflow.target(action, from);
    const now = this.clock.now();
    const metadata = manager.connection.getMetadata(input.entity);
    const stamp = metadata.findColumnWithPropertyName('updatedAt') ? { updatedAt: now } : {};
    const affected = await updateWhereIdAndStatus(manager, input.entity, input.id, from, { ...input.changes, ...stamp, status: to });
    if (!affected) throw AppException.conflict(input.stale, ErrorCode.WrongState);
    await this.record(manager, { subjectType: input.subjectType, subjectId: input.id, action, from, to, actor: input.actor, note: input.note });
    return to;
  }

  /** A timeline entry on its own: the creation of an object, or a change made by its own conditional update. */
  async record(manager: EntityManager, input: RecordInput): Promise<void> {
    await insertRow(manager, TimelineEventEntity, {
      id: newId(),
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      action: input.action,
      fromStatus: input.from,
      toStatus: input.to,
      actorUserId: input.actor.userId,
      actorRole: input.actor.role,
      actorName: input.actor.name.slice(0, 60),
      note: input.note?.slice(0, 300) ?? null,
      createdAt: this.clock.now(),
    });
  }

  async timeline(manager: EntityManager, subjectType: string, subjectId: string, workflow: Pick<Workflow<string, string, string>, 'label'>): Promise<TimelineEntry[]> {
    const events = await manager.find(TimelineEventEntity, { where: { subjectType, subjectId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return events.map((e) => ({
      id: e.id,
      action: e.action,
      actionLabel: workflow.label(e.action),
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actor: { name: e.actorName, role: e.actorRole, roleLabel: e.actorRole === 'system' ? '系统' : (ROLE_LABELS[e.actorRole as Role] ?? e.actorRole) },
      note: e.note,
      at: e.createdAt.toISOString(),
    }));
  }

  /**
   * A deleted account's name on every timeline entry it acted in becomes `name` (PIPL): the entries, their order
   * and their states stay, only who it was goes. Returns how many entries changed.
   */
  async relabelActor(manager: EntityManager, actorUserId: string, name: string): Promise<number> {
    const result = await manager.update(TimelineEventEntity, { actorUserId }, { actorName: name });
    return result.affected ?? 0;
  }
}
