import { HttpStatus } from '@nestjs/common';
import { AppException, ErrorCode } from '../errors/app.exception';

/**
 * One declaration per workflow (wishes, projects, dispatches, and the ones to come): its states, and for every
 * action the states it starts from, the state it leads to, the relations that may take it and the refusals.
 * That table drives the service's check before a transition, the actions offered to a client, the refusal's
 * code and Chinese message, and the timeline label. Pure data and functions: unit-tested without a database.
 */

/** Why an action is refused, as the client receives it. */
export interface Refusal {
  status: HttpStatus.FORBIDDEN | HttpStatus.CONFLICT | HttpStatus.BAD_REQUEST | HttpStatus.TOO_MANY_REQUESTS;
  code: ErrorCode;
  message: string;
}

export interface ActionSpec<S extends string, R extends string> {
  /** States the action may start from; empty for a creation (submit) that only names a timeline entry. */
  from: readonly S[];
  /** The state it leads to; omitted when the action is a timeline entry that keeps the state (e.g. 派单). */
  to?: S;
  /** Relations of the caller to the object, any of which allows the action. */
  who: readonly R[];
  /** What the timeline calls it (认领, 审核通过 …). */
  label: string;
  /** How a refusal names it when the label reads badly after 不能 (default: the label). */
  verb?: string;
  /** Refusal when the caller has none of `who`. */
  notYours: string;
  /** Refusal when the caller holds one of `who`'s roles, but over another community, street or unit. */
  outOfScope?: string;
  /** Code for a wrong-state refusal (default WRONG_STATE), e.g. ALREADY_CLAIMED for a claim. */
  conflictCode?: ErrorCode;
  /**
   * Check the state before the caller: for actions whose relation only exists in the states they start from
   * (nobody is the claimant of an unclaimed project), where "not claimed yet" is the refusal that helps.
   */
  stateFirst?: boolean;
  /** Offered to clients as a button (default: yes). Creations, system actions and timeline-only entries say no. */
  offered?: boolean;
}

export interface LimitSpec<P> {
  status?: Refusal['status'];
  code: ErrorCode;
  message: (params: P) => string;
}

export interface WorkflowSpec<S extends string, A extends string, R extends string, L extends string> {
  /** What the object is called in messages: 心愿, 项目 … */
  noun: string;
  /** Each state as a fact, worded so that "<fact>，不能<action>" reads naturally. */
  states: Record<S, string>;
  actions: Record<A, ActionSpec<S, R>>;
  /** Refusals that depend on counts or other data (over a cap, already dispatched …). */
  /** Each limit's message takes its own parameters (a cap and a count …), hence `never` here. */
  limits?: Record<L, LimitSpec<never>>;
}

/**
 * The caller's relations to one object. `elsewhere` holds relations the caller would have through a role they
 * hold over another node (staff of another community …), so a refusal can say "not in your area" rather than
 * "not yours".
 */
export interface Relations<R extends string> {
  has: ReadonlySet<R>;
  elsewhere?: ReadonlySet<R>;
}

export function relations<R extends string>(has: Iterable<R | false | null | undefined>, elsewhere: Iterable<R | false | null | undefined> = []): Relations<R> {
  const keep = (items: Iterable<R | false | null | undefined>) => new Set([...items].filter((r): r is R => typeof r === 'string'));
  return { has: keep(has), elsewhere: keep(elsewhere) };
}

export class Workflow<S extends string, A extends string, R extends string, L extends string = never> {
  readonly actionNames: readonly A[];

  constructor(readonly spec: WorkflowSpec<S, A, R, L>) {
    this.actionNames = Object.keys(spec.actions) as A[];
    for (const name of this.actionNames) {
      const action = spec.actions[name];
      if (action.who.length === 0) throw new Error(`workflow action ${name} names nobody who may take it`);
    }
  }

  action(name: A): ActionSpec<S, R> {
    return this.spec.actions[name];
  }

  label(name: string): string {
    return (this.spec.actions as Record<string, ActionSpec<S, R> | undefined>)[name]?.label ?? name;
  }

  /** The state `action` leads to from `from`. */
  target(name: A, from: S): S {
    return this.spec.actions[name].to ?? from;
  }

  /** Whether the caller is among those who may take the action at all (whatever the state). */
  isAllowed(name: A, rel: Relations<R>): boolean {
    return this.spec.actions[name].who.some((r) => rel.has.has(r));
  }

  /**
   * Null when the action may be taken now; otherwise the refusal. Who comes before state: a stranger is told
   * it is not theirs, not what state someone else's object is in.
   */
  refusal(name: A, state: S, rel: Relations<R>, limit?: { key: L; params?: unknown } | null): Refusal | null {
    const action = this.spec.actions[name];
    if (action.stateFirst && !action.from.includes(state)) return this.wrongState(name, state);
    if (!this.isAllowed(name, rel)) {
      const elsewhere = action.who.some((r) => rel.elsewhere?.has(r));
      return { status: HttpStatus.FORBIDDEN, code: ErrorCode.Forbidden, message: elsewhere && action.outOfScope ? action.outOfScope : action.notYours };
    }
    if (!action.from.includes(state)) return this.wrongState(name, state);
    if (limit) return this.limitRefusal(limit.key, limit.params);
    return null;
  }

  /** "<the state as a fact>，不能<action>": worded for the state the object is actually in. */
  wrongState(name: A, state: S): Refusal {
    const action = this.spec.actions[name];
    return { status: HttpStatus.CONFLICT, code: action.conflictCode ?? ErrorCode.WrongState, message: `${this.spec.states[state]}，不能${action.verb ?? action.label}` };
  }

  limitRefusal(key: L, params?: unknown): Refusal {
    const limit = this.spec.limits![key];
    return { status: limit.status ?? HttpStatus.CONFLICT, code: limit.code, message: (limit.message as (p: unknown) => string)(params) };
  }

  /** Throws the refusal as an AppException, or returns the state the action leads to. */
  require(name: A, state: S, rel: Relations<R>, limit?: { key: L; params?: unknown } | null): S {
    const refusal = this.refusal(name, state, rel, limit);
    if (refusal) throw toException(refusal);
    return this.target(name, state);
  }

  /** Throws a limit's refusal. */
  refuse(key: L, params?: unknown): never {
    throw toException(this.limitRefusal(key, params));
  }

  /**
   * The actions offered to the caller now, in declaration order (the order of the buttons' importance).
   * `blocked` names actions a limit currently refuses (a pending dispatch …), so no button leads to a refusal.
   */
  offered(state: S, rel: Relations<R>, blocked: ReadonlySet<A> = new Set()): A[] {
    return this.actionNames.filter((name) => {
      const action = this.spec.actions[name];
      return action.offered !== false && !blocked.has(name) && action.from.includes(state) && this.isAllowed(name, rel);
    });
  }
}

export function toException(refusal: Refusal): AppException {
  return new AppException(refusal.status, refusal.code, refusal.message);
}

/**
 * Declares a workflow with its states and relations named up front (so every relation is part of the type, even
 * one no action uses yet) while the action and limit names are read from the declaration:
 * `defineWorkflow<WishStatus, WishRelation>()({ … })`.
 */
export function defineWorkflow<S extends string, R extends string>() {
  return <A extends string, L extends string = never>(spec: WorkflowSpec<S, A, R, L>) => new Workflow<S, A, R, L>(spec);
}
