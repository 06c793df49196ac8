/** WeChat answers these when the access_token is invalid, expired or not the latest: refresh once and retry. */
export const TOKEN_REJECTED_ERRCODES: ReadonlySet<number> = new Set([40001, 42001, 40014]);

/** System busy and rate limits clear up by themselves; everything else needs a different request. */
const RETRYABLE_ERRCODES: ReadonlySet<number> = new Set([-1, 45009, 45011]);

/** Subscribe message: the user has not subscribed to (or has refused) this template. */
export const ERRCODE_SUBSCRIPTION_REFUSED = 43101;

export interface WechatApiErrorInit {
  /** Which API failed, e.g. `wxa/msg_sec_check` (never a URL: the query holds the secret and tokens). */
  api: string;
  /** WeChat's errcode, or null when no usable answer arrived (timeout, network, HTTP error, not JSON). */
  errcode: number | null;
  errmsg: string;
  retryable: boolean;
}

/** A failed WeChat API call, for callers that decide for themselves what to do (e.g. a notification worker). */
export class WechatApiError extends Error {
  readonly api: string;
  readonly errcode: number | null;
  readonly errmsg: string;
  readonly retryable: boolean;

  constructor(init: WechatApiErrorInit) {
    super(init.errcode === null ? `WeChat ${init.api} unreachable: ${init.errmsg}` : `WeChat ${init.api} failed with errcode ${init.errcode}: ${init.errmsg}`);
    this.name = new.target.name;
    this.api = init.api;
    this.errcode = init.errcode;
    this.errmsg = init.errmsg;
    this.retryable = init.retryable;
  }

  static fromErrcode(api: string, errcode: number, errmsg: string): WechatApiError {
    if (errcode === ERRCODE_SUBSCRIPTION_REFUSED) return new WechatSubscriptionRefusedError(api, errmsg);
    return new WechatApiError({ api, errcode, errmsg, retryable: RETRYABLE_ERRCODES.has(errcode) });
  }

  static unreachable(api: string, reason: string): WechatApiError {
    return new WechatApiError({ api, errcode: null, errmsg: reason, retryable: true });
  }
}

/** 43101: the user has no subscription left for this template. Not retryable until they subscribe again. */
export class WechatSubscriptionRefusedError extends WechatApiError {
  constructor(api: string, errmsg: string) {
    super({ api, errcode: ERRCODE_SUBSCRIPTION_REFUSED, errmsg, retryable: false });
  }
}

/** The access token could not be obtained (bad appid/secret, WeChat busy or unreachable). */
export class WechatAccessTokenError extends WechatApiError {}
