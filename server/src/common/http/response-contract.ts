import { Logger } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest, preSerializationHookHandler } from 'fastify';
import { ZodResponse as DocumentedResponse, type ZodDto } from 'nestjs-zod';
import type { ZodType } from 'zod';
import { ErrorCode } from '../errors/app.exception';
import { exactShapeCheck } from './exact-shape';

/** A nestjs-zod DTO class (createZodDto): its schema is the contract. */
interface ContractDto {
  schema: { safeParse(value: unknown): { success: true; data: unknown } | { success: false; error: { issues: Array<{ path: PropertyKey[]; message: string }> } } };
}

interface RouteContract {
  responseContract?: ContractDto;
}

/**
 * A route's response contract. nestjs-zod's ZodResponse documents it (OpenAPI, status code); the route's Fastify
 * config carries the DTO so `parseByContract` parses every 2xx body through its schema before it is sent, and
 * fields the contract does not list never leave the server.
 *
 * A Fastify hook rather than nestjs-zod's global interceptor: the interceptor's rxjs and AsyncResource plumbing
 * cost ~0.35 ms of CPU per request (a quarter of the wish wall's), the parse itself ~10 µs
 * (docs/benchmarks.md, part 1). A body already in the contract's exact shape is sent as it is (exact-shape.ts):
 * the parse's copy of it was the largest allocation of a wall request after its JSON.
 */
export function ZodResponse<TSchema extends ZodType>(options: { type: ZodDto<TSchema, false>; status?: number; description?: string }) {
  const documented = DocumentedResponse(options);
  const contract: RouteContract = { responseContract: options.type };
  const config = RouteConfig(contract);
  // Typed as nestjs-zod's decorator, so a handler that returns something else than the contract fails to compile.
  const decorator: typeof documented = (target, propertyKey, descriptor) => {
    documented(target, propertyKey, descriptor);
    config(target, propertyKey!, descriptor as TypedPropertyDescriptor<unknown>);
  };
  return decorator;
}

const logger = new Logger('ResponseContract');

/**
 * preSerialization hook (registered in app.factory.ts): a success body → its contract's parse. Error bodies
 * (ErrorFilter's `{ statusCode, code, message }`) are not the route's contract and pass as they are.
 */
export const parseByContract: preSerializationHookHandler<unknown> = (request: FastifyRequest, reply: FastifyReply, payload: unknown, done) => {
  const dto = (request.routeOptions.config as RouteContract | undefined)?.responseContract;
  if (!dto || reply.statusCode >= 400) return done(null, payload);
  // Already exactly the contract's shape (the routes build it so): the parse would return a copy of the same JSON.
  if (exactShapeCheck(dto.schema)?.(payload)) return done(null, payload);
  const parsed = dto.schema.safeParse(payload);
  if (parsed.success) return done(null, parsed.data);
  // The server broke its own contract: a bug to log, never a half-checked body to send.
  const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
  logger.error(`${request.method} ${request.url}: the reply does not match its contract: ${issues.join('; ')}`);
  reply.code(500);
  done(null, { statusCode: 500, code: ErrorCode.Internal, message: '服务暂时不可用，请稍后再试' });
};
