import { HttpException, HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@nuancheng/shared';

/** Stable machine-readable error codes: defined in shared (the mini-program decides on them too), re-exported here. */
export { ErrorCode };

export interface ErrorDetail {
  path: string;
  message: string;
  [key: string]: unknown;
}

export class AppException extends HttpException {
  constructor(
    status: HttpStatus,
    readonly code: ErrorCode,
    message: string,
    readonly details?: ErrorDetail[],
  ) {
    // A refusal (4xx) is an answer, not a fault: nothing logs its stack, and capturing one was a measurable share
    // of a refused claim's CPU (docs/benchmarks.md, part 2). 5xx keep theirs.
    const stackTraceLimit = Error.stackTraceLimit;
    if (status < 500) Error.stackTraceLimit = 0;
    super({ statusCode: status, code, message, details }, status);
    Error.stackTraceLimit = stackTraceLimit;
  }

  static badRequest(message: string, code: ErrorCode = ErrorCode.ValidationFailed, details?: ErrorDetail[]) {
    return new AppException(HttpStatus.BAD_REQUEST, code, message, details);
  }
  static unauthenticated(message = '请先登录', code: ErrorCode = ErrorCode.Unauthenticated) {
    return new AppException(HttpStatus.UNAUTHORIZED, code, message);
  }
  static forbidden(message = '没有权限执行此操作') {
    return new AppException(HttpStatus.FORBIDDEN, ErrorCode.Forbidden, message);
  }
  static notFound(message: string) {
    return new AppException(HttpStatus.NOT_FOUND, ErrorCode.NotFound, message);
  }
  static conflict(message: string, code: ErrorCode = ErrorCode.Conflict) {
    return new AppException(HttpStatus.CONFLICT, code, message);
  }
  /** 429; the error filter sends `Retry-After` from `retryAfterS`. */
  static tooManyRequests(message: string, retryAfterS: number) {
    const exception = new AppException(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.RateLimited, message);
    exception.retryAfterS = retryAfterS;
    return exception;
  }

  /** Seconds until a rate-limited call may be retried. */
  retryAfterS?: number;
}
