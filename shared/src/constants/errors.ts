/**
 * Stable machine-readable error codes (`code` in every error body); the message beside each is for people and
 * is in Chinese. Programs decide on the code, never on the message text or the HTTP status alone.
 */
export const ErrorCode = {
  ValidationFailed: 'VALIDATION_FAILED',
  Unauthenticated: 'UNAUTHENTICATED',
  /** The access token ran out: refresh it with the refresh token and retry. */
  TokenExpired: 'TOKEN_EXPIRED',
  AccountDisabled: 'ACCOUNT_DISABLED',
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
  /** 一党员一践诺: the member already made this year's pledge. */
  PledgeExists: 'PLEDGE_EXISTS',
  RegistrationPending: 'REGISTRATION_PENDING',
  AlreadyRegistered: 'ALREADY_REGISTERED',
  PostFull: 'POST_FULL',
  AlreadyHoldsPost: 'ALREADY_HOLDS_POST',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
