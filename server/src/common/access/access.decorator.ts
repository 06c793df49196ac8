import { SetMetadata, createParamDecorator, ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Role, ScopeKind } from '@nuancheng/shared';
import type { FastifyRequest } from 'fastify';
import type { Principal } from './principal';

export const ACCESS_RULE = 'nuancheng:access-rule';

/** Where the guard finds the node a scoped route acts on. */
export interface ScopeSource {
  kind: ScopeKind;
  /** Reads the node reference from the request: an id, or a community code when `by: 'code'`. */
  read: (request: FastifyRequest) => unknown;
  by?: 'id' | 'code';
  /** When the reference is absent (e.g. creating a root node), only system_admin passes. */
  optional?: boolean;
}

export type AccessRule = { type: 'public' } | { type: 'authenticated' } | { type: 'roles'; roles: Role[]; scope?: ScopeSource };

/** Anyone, signed in or not (the principal is still attached when a valid token is sent). */
export const Public = () => SetMetadata(ACCESS_RULE, { type: 'public' } satisfies AccessRule);

/** Any signed-in user; every user is at least a resident. */
export const Authenticated = () => applyAll(SetMetadata(ACCESS_RULE, { type: 'authenticated' } satisfies AccessRule), ApiBearerAuth());

/**
 * One of `roles`, held on a node whose subtree contains the scope node (when `scope` is given).
 * system_admin passes every rule.
 */
export const Allow = (roles: Role[], scope?: ScopeSource) => applyAll(SetMetadata(ACCESS_RULE, { type: 'roles', roles, scope } satisfies AccessRule), ApiBearerAuth());

function applyAll(...decorators: Array<MethodDecorator & ClassDecorator>) {
  return (target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    for (const decorator of decorators) (decorator as (...a: unknown[]) => void)(target, key, descriptor);
  };
}

const pick = (source: 'params' | 'body' | 'query', name: string) => (request: FastifyRequest) => (request[source] as Record<string, unknown> | undefined)?.[name];

export const regionFrom = (source: 'params' | 'body' | 'query', name: string, optional = false): ScopeSource => ({
  kind: 'region',
  read: pick(source, name),
  optional,
});
export const communityCodeFrom = (source: 'params' | 'body' | 'query', name: string): ScopeSource => ({
  kind: 'region',
  read: pick(source, name),
  by: 'code',
});
export const organisationFrom = (source: 'params' | 'body' | 'query', name: string, optional = false): ScopeSource => ({
  kind: 'organisation',
  read: pick(source, name),
  optional,
});

/** The signed-in principal (undefined on public routes without a token). */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext) => {
  return context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>().principal;
});
