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
  /** 机关党组织年度报告: the unit already has a report for that year. */
  OrgReportExists: 'ORG_REPORT_EXISTS',
  RegistrationPending: 'REGISTRATION_PENDING',
  AlreadyRegistered: 'ALREADY_REGISTERED',
  PostFull: 'POST_FULL',
  AlreadyHoldsPost: 'ALREADY_HOLDS_POST',
  // Volunteer activities: sign-up limits and every check-in / check-out refusal has its own code.
  ActivityFull: 'ACTIVITY_FULL',
  SignupClosed: 'SIGNUP_CLOSED',
  AlreadySignedUp: 'ALREADY_SIGNED_UP',
  ActivityNotOver: 'ACTIVITY_NOT_OVER',
  CheckinTokenInvalid: 'CHECKIN_TOKEN_INVALID',
  CheckinTokenExpired: 'CHECKIN_TOKEN_EXPIRED',
  CheckinTokenOtherActivity: 'CHECKIN_TOKEN_OTHER_ACTIVITY',
  CheckinTooEarly: 'CHECKIN_TOO_EARLY',
  CheckinClosed: 'CHECKIN_CLOSED',
  CheckinOutOfRange: 'CHECKIN_OUT_OF_RANGE',
  CheckinPoorAccuracy: 'CHECKIN_POOR_ACCURACY',
  CheckinNotSignedUp: 'CHECKIN_NOT_SIGNED_UP',
  AlreadyCheckedIn: 'ALREADY_CHECKED_IN',
  CheckoutTooEarly: 'CHECKOUT_TOO_EARLY',
  CheckoutClosed: 'CHECKOUT_CLOSED',
  CheckoutNotCheckedIn: 'CHECKOUT_NOT_CHECKED_IN',
  AlreadyCheckedOut: 'ALREADY_CHECKED_OUT',
  /** 409: a consent named an older privacy-notice version; fetch GET /api/privacy/notice and ask again. */
  PrivacyNoticeOutdated: 'PRIVACY_NOTICE_OUTDATED',
  /** 503: the database cannot be reached for now; retry after Retry-After. */
  DatabaseUnavailable: 'DATABASE_UNAVAILABLE',
  /** 503: the instance sheds load (event-loop delay or memory above its limits); retry after Retry-After. */
  Overloaded: 'OVERLOADED',
  Internal: 'INTERNAL',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];
