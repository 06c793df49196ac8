import { HttpException, HttpStatus } from '@nestjs/common';

/** Stable machine-readable error codes; the message beside each is for people and is in Chinese. */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  Unauthenticated: 'UNAUTHENTICATED',
  Forbidden: 'FORBIDDEN',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  RateLimited: 'RATE_LIMITED',
  WechatCodeInvalid: 'WECHAT_CODE_INVALID',
  WechatRateLimited: 'WECHAT_RATE_LIMITED',
  WechatRiskyUser: 'WECHAT_RISKY_USER',
  WechatBusy: 'WECHAT_BUSY',
  WechatUnavailable: 'WECHAT_UNAVAILABLE',
  DevCodeRejected: 'DEV_CODE_REJECTED',
  PhoneAlreadyBound: 'PHONE_ALREADY_BOUND',
  RosterInvalid: 'ROSTER_INVALID',
  UploadInvalid: 'UPLOAD_INVALID',
  UploadUnsupportedType: 'UPLOAD_UNSUPPORTED_TYPE',
  UploadTooLarge: 'UPLOAD_TOO_LARGE',
  UploadInUse: 'UPLOAD_IN_USE',
  WrongState: 'WRONG_STATE',
  AlreadyClaimed: 'ALREADY_CLAIMED',
  ClaimLimitReached: 'CLAIM_LIMIT_REACHED',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

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
    super({ statusCode: status, code, message, details }, status);
  }

  static badRequest(message: string, code: ErrorCode = ErrorCode.ValidationFailed, details?: ErrorDetail[]) {
    return new AppException(HttpStatus.BAD_REQUEST, code, message, details);
  }
  static unauthenticated(message = '请先登录') {
    return new AppException(HttpStatus.UNAUTHORIZED, ErrorCode.Unauthenticated, message);
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
}
