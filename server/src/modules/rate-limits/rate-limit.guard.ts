import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../common/access/principal';
import type { RateLimitName } from '../../config/rate-limits';
import { RATE_LIMIT } from './rate-limit.decorator';
import { RateLimitsService } from './rate-limits.service';

/**
 * Global, after the access guard (so a signed-in caller is known): a route marked @RateLimit counts against its
 * per-address limit and, for a signed-in caller, its per-account limit.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly limits: RateLimitsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const name = this.reflector.get<RateLimitName | undefined>(RATE_LIMIT, context.getHandler());
    if (!name) return true;
    const request = context.switchToHttp().getRequest<FastifyRequest & { principal?: Principal }>();
    await this.limits.consume(name, 'ip', request.ip);
    if (request.principal) await this.limits.consume(name, 'account', request.principal.userId);
    return true;
  }
}
