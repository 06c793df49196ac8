import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ZodValidationException } from 'nestjs-zod';
import { QueryFailedError } from 'typeorm';
import type { ZodError } from 'zod';
import { AppException, ErrorCode } from './app.exception';
import { isDatabaseUnavailable } from './database-unavailable';

/** Seconds a client waits before retrying while the database is unreachable (the pool reconnects by itself). */
export const DATABASE_RETRY_AFTER_S = 5;

const STATUS_CODES: Partial<Record<number, { code: ErrorCode; message: string }>> = {
  400: { code: ErrorCode.ValidationFailed, message: '请求有误，请检查后重试' },
  401: { code: ErrorCode.Unauthenticated, message: '请先登录' },
  403: { code: ErrorCode.Forbidden, message: '没有权限执行此操作' },
  404: { code: ErrorCode.NotFound, message: '请求的内容不存在' },
  409: { code: ErrorCode.Conflict, message: '操作冲突，请刷新后重试' },
  413: { code: ErrorCode.ValidationFailed, message: '上传的内容过大' },
  415: { code: ErrorCode.ValidationFailed, message: '不支持的内容格式' },
  429: { code: ErrorCode.RateLimited, message: '操作过于频繁，请稍后再试' },
};

/** Turns every error into `{ statusCode, code, message, details? }` with a Chinese message a person can act on. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Error');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const body = this.toBody(error, request);
    if (error instanceof AppException && error.retryAfterS) void reply.header('Retry-After', String(error.retryAfterS));
    if (body.code === ErrorCode.DatabaseUnavailable) void reply.header('Retry-After', String(DATABASE_RETRY_AFTER_S));
    void reply.status(body.statusCode).send(body);
  }

  private toBody(error: unknown, request: FastifyRequest) {
    if (error instanceof ZodValidationException) {
      const issues = (error.getZodError() as ZodError).issues;
      const details = issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      const first = details[0];
      const message = first ? `请求参数有误：${first.path ? `${first.path}：` : ''}${first.message}` : '请求参数有误';
      return { statusCode: 400, code: ErrorCode.ValidationFailed, message, details };
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const response = error.getResponse();
      if (typeof response === 'object' && response && 'code' in response) {
        return response as { statusCode: number; code: string; message: string };
      }
      // Nest wraps Fastify's JSON parse failure in a plain HttpException that carries only its English text.
      if (status === 400 && typeof response === 'string' && /not valid JSON/i.test(response)) {
        return { statusCode: 400, code: ErrorCode.ValidationFailed, message: '请求内容不是有效的 JSON' };
      }
      return { statusCode: status, ...(STATUS_CODES[status] ?? { code: ErrorCode.Internal, message: '服务暂时不可用，请稍后再试' }) };
    }
    // Fastify's own errors (malformed JSON, body too large, unsupported media type) carry a statusCode.
    const fastifyStatus = (error as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      const known = STATUS_CODES[fastifyStatus] ?? STATUS_CODES[400]!;
      const message = (error as { code?: string }).code === 'FST_ERR_CTP_INVALID_JSON_BODY' ? '请求内容不是有效的 JSON' : known.message;
      return { statusCode: fastifyStatus, code: known.code, message };
    }
    if (error instanceof QueryFailedError && isUniqueViolation(error)) {
      return { statusCode: 409, code: ErrorCode.Conflict, message: '数据已存在或已被他人修改，请刷新后重试' };
    }
    if (isDatabaseUnavailable(error)) {
      // One line, not a stack per request: during an outage every request fails the same way.
      this.logger.warn(`${request.method} ${request.url}: database unavailable (${(error as { code?: string }).code ?? (error as Error).message})`);
      return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, code: ErrorCode.DatabaseUnavailable, message: '系统暂时连不上数据库，请稍后再试' };
    }
    this.logger.error(`${request.method} ${request.url} failed`, error instanceof Error ? error.stack : String(error));
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: ErrorCode.Internal, message: '服务暂时不可用，请稍后再试' };
  }
}

/** Unique-key violation on MySQL/MariaDB (ER_DUP_ENTRY) or SQLite. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Foreign-key violation (a row still referenced, or a reference to a missing row). */
export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code;
  if (code === 'ER_ROW_IS_REFERENCED_2' || code === 'ER_NO_REFERENCED_ROW_2' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return true;
  // SQLite reports a referenced row on delete as SQLITE_CONSTRAINT_TRIGGER; only the message tells them apart.
  return code?.startsWith('SQLITE_CONSTRAINT') === true && /FOREIGN KEY constraint failed/.test(e.message ?? '');
}
