import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { WechatAccessTokenError, WechatApiError } from './wechat-api.error';
import { requestWechatJson } from './wechat-http';

/** Milliseconds since the epoch; injectable so tests can move time. */
export type WechatClock = () => number;
export const WECHAT_CLOCK = Symbol('WECHAT_CLOCK');

const API = 'cgi-bin/stable_token';
/** Refresh this long before WeChat's expiry, so a token never expires between fetching it and using it. */
const EXPIRY_MARGIN_MS = 5 * 60_000;

export interface GetTokenOptions {
  /** Ask WeChat for a new token even if the cached one looks valid (it invalidates the previous token). */
  forceRefresh?: boolean;
  /**
   * The token WeChat just rejected. If the cache already holds a different one, another caller has refreshed
   * in the meantime and that token is returned: forced refreshes are rate-limited by WeChat.
   */
  rejectedToken?: string;
}

/**
 * The one source of the mini-program's access_token (stable_token API). Every WeChat call that needs a token
 * goes through here, so the process holds a single token and never refreshes it twice at once.
 */
@Injectable()
export class WechatAccessTokenService {
  private readonly logger = new Logger(WechatAccessTokenService.name);
  private readonly now: WechatClock;
  private cached: { token: string; refreshAt: number; generation: number } | null = null;
  private inFlight: { promise: Promise<string>; forced: boolean } | null = null;
  private generation = 0;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() @Inject(WECHAT_CLOCK) clock?: WechatClock | null,
  ) {
    this.now = clock ?? Date.now;
  }

  async getToken(opts: GetTokenOptions = {}): Promise<string> {
    const cached = this.cached;
    if (cached && this.now() < cached.refreshAt) {
      if (!opts.forceRefresh) return cached.token;
      if (opts.rejectedToken !== undefined && opts.rejectedToken !== cached.token) return cached.token;
    }
    // Share a request already under way, unless a forced refresh is needed and that one is not forced.
    if (this.inFlight && (this.inFlight.forced || !opts.forceRefresh)) return this.inFlight.promise;
    return this.startFetch(opts.forceRefresh === true);
  }

  private startFetch(forced: boolean): Promise<string> {
    const generation = ++this.generation;
    const promise = this.fetchToken(forced)
      .then(({ token, expiresInS }) => {
        // A slower, older request must not overwrite the token of a newer (e.g. forced) one.
        if (!this.cached || this.cached.generation < generation) {
          const lifetimeMs = expiresInS * 1000;
          // Near the end of a token's life stable_token returns the remaining seconds, which can be under the
          // margin; caching for half the remaining life then avoids a request per call.
          const keepMs = Math.max(lifetimeMs - EXPIRY_MARGIN_MS, lifetimeMs / 2);
          this.cached = { token, refreshAt: this.now() + keepMs, generation };
        }
        return token;
      })
      .finally(() => {
        if (this.inFlight?.promise === promise) this.inFlight = null;
      });
    this.inFlight = { promise, forced };
    return promise;
  }

  private async fetchToken(forced: boolean): Promise<{ token: string; expiresInS: number }> {
    const { appId, secret, apiBase, timeoutMs } = this.config.wechat;
    if (!appId || !secret) {
      this.logger.error('WECHAT_APPID / WECHAT_SECRET are not configured; cannot get an access_token');
      throw new WechatAccessTokenError({ api: API, errcode: null, errmsg: 'appid/secret not configured', retryable: false });
    }
    try {
      const json = await requestWechatJson({
        api: API,
        url: new URL(`${apiBase}/cgi-bin/stable_token`),
        method: 'POST',
        body: { grant_type: 'client_credential', appid: appId, secret, force_refresh: forced },
        timeoutMs,
      });
      const token = json.access_token;
      const expiresInS = json.expires_in;
      if (typeof token !== 'string' || !token || typeof expiresInS !== 'number' || expiresInS <= 0) {
        throw WechatApiError.unreachable(API, 'answer lacks access_token or expires_in');
      }
      this.logger.log(`access_token ${forced ? 'force-refreshed' : 'fetched'}, valid for ${expiresInS} s`);
      return { token, expiresInS };
    } catch (err) {
      if (!(err instanceof WechatApiError)) throw err;
      // 40013 invalid appid, 40125 invalid secret, 40164 IP not whitelisted: configuration, not transient.
      this.logger.error(`cannot get access_token: ${err.message}`);
      throw new WechatAccessTokenError({ api: API, errcode: err.errcode, errmsg: err.errmsg, retryable: err.retryable });
    }
  }
}
