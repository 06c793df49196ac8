import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import { ACCESS_RULE, AccessRule } from '../../common/access/access.decorator';
import { AccessService } from '../../common/access/access.service';
import type { Principal, ScopeNode } from '../../common/access/principal';
import { READ_REPLICA } from '../../common/database/read-replicas';
import { AppException, ErrorCode } from '../../common/errors/app.exception';
import { requestContext } from '../../common/http/request-context';
import { OrganisationsService } from '../organisations/organisations.service';
import { RegionsService } from '../regions/regions.service';
import { UsersService } from '../users/users.service';
import type { AccessTokenPayload } from './access.types';

type RequestWithPrincipal = FastifyRequest & { principal?: Principal };

/**
 * Global guard: every route must declare an access rule (@Public, @Authenticated or @Allow); a route without
 * one is refused, so forgetting a rule fails closed (and a test lists every route to catch it earlier).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly access: AccessService,
    private readonly users: UsersService,
    private readonly regions: RegionsService,
    private readonly organisations: OrganisationsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const admitted = await this.admit(context);
    // Only now may a @ReadReplica route's reads go to a replica: who the caller is was read from the primary.
    const audit = requestContext();
    if (admitted && audit && this.reflector.getAllAndOverride<boolean | undefined>(READ_REPLICA, [context.getHandler(), context.getClass()])) audit.replicaReads = true;
    return admitted;
  }

  private async admit(context: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [context.getHandler(), context.getClass()]);
    const request = context.switchToHttp().getRequest<RequestWithPrincipal>();
    if (!rule) {
      this.logger.error(`No access rule on ${context.getClass().name}.${context.getHandler().name}; refusing`);
      throw AppException.forbidden();
    }
    const token = this.bearerToken(request);
    if (rule.type === 'public') {
      // A public page stays public for a caller whose token has lapsed.
      if (token) request.principal = (await this.authenticate(token).catch(() => null)) ?? undefined;
      const audit = requestContext();
      if (audit && request.principal) audit.principal = request.principal;
      return true;
    }
    if (!token) throw AppException.unauthenticated();
    const principal = await this.authenticate(token);
    if (!principal) throw AppException.unauthenticated('登录已失效，请重新登录');
    request.principal = principal;
    const audit = requestContext();
    if (audit) audit.principal = principal;
    if (rule.type === 'authenticated') return true;

    let node: ScopeNode | null = null;
    if (rule.scope) {
      const ref = rule.scope.read(request);
      if ((ref === null || ref === undefined) && rule.scope.optional) {
        this.access.require(principal, ['system_admin']);
        if (audit) audit.grant = this.access.grantFor(principal, ['system_admin']);
        return true;
      }
      if (typeof ref !== 'string' || ref === '') throw AppException.badRequest('缺少要操作的区域或组织');
      node = await this.findNode(rule.scope.kind, ref, rule.scope.by);
      if (!node) throw AppException.notFound(rule.scope.kind === 'region' ? '区域或社区不存在' : '组织不存在');
    }
    this.access.require(principal, rule.roles, node);
    if (audit) audit.grant = this.access.grantFor(principal, rule.roles, node);
    return true;
  }

  private bearerToken(request: FastifyRequest): string | null {
    const header = request.headers.authorization;
    if (!header) return null;
    const [scheme, value] = header.split(' ');
    return scheme?.toLowerCase() === 'bearer' && value ? value : null;
  }

  /** The principal of a valid token whose session is live; throws TOKEN_EXPIRED for an expired one (the app refreshes). */
  private async authenticate(token: string): Promise<Principal | null> {
    let payload: Partial<AccessTokenPayload>;
    try {
      // The same check as verifyAsync (a KeyObject, no key provider), without its three promises per request.
      payload = this.jwt.verify<AccessTokenPayload>(token);
    } catch (error) {
      if ((error as { name?: string }).name === 'TokenExpiredError') throw AppException.unauthenticated('登录已过期，请重新登录', ErrorCode.TokenExpired);
      return null;
    }
    return payload.sub && payload.sid ? this.users.principalOf(payload.sub, payload.sid) : null;
  }

  private findNode(kind: 'region' | 'organisation', ref: string, by: 'id' | 'code' = 'id'): Promise<ScopeNode | null> {
    return kind === 'region' ? this.regions.findNode(ref, by) : this.organisations.findNode(ref);
  }
}
