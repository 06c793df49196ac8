import { HttpStatus, Inject, Injectable, Logger } from '@nestjs/common';
import { AppException, ErrorCode } from '../../common/errors/app.exception';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { WechatAccessTokenService } from './wechat-access-token.service';
import { TOKEN_REJECTED_ERRCODES, WechatAccessTokenError, WechatApiError } from './wechat-api.error';
import { requestWechatJson, WechatJson } from './wechat-http';

export interface WechatSession {
  openid: string;
  unionid: string | null;
  /** Server-side only: never log it, never send it to the client. */
  sessionKey: string;
}

export interface WechatPhoneNumber {
  phoneNumber: string;
  purePhoneNumber: string;
  countryCode: string;
}

/** 1 资料, 2 评论, 3 论坛, 4 社交日志 (WeChat's msg_sec_check scenes). */
export type MsgSecCheckScene = 1 | 2 | 3 | 4;

export interface MsgSecCheckInput {
  content: string;
  /** The author; WeChat requires that they opened the mini-program within the last two hours. */
  openid: string;
  scene: MsgSecCheckScene;
  title?: string;
}

export interface MsgSecCheckResult {
  suggest: 'pass' | 'review' | 'risky';
  label: number;
  traceId: string;
}

export interface SubscribeMessageInput {
  toUser: string;
  templateId: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
}

const MSG_CODE_INVALID_LOGIN = '登录凭证无效或已过期，请重新进入小程序';
const MSG_CODE_INVALID_PHONE = '手机号授权已失效，请重新授权';
const MSG_RATE_LIMITED = '操作过于频繁，请稍后再试';
const MSG_RISKY_USER = '该微信账号存在安全风险，暂时无法使用，请联系社区工作人员';
const MSG_BUSY = '微信服务繁忙，请稍后再试';
const MSG_UNAVAILABLE = '暂时无法连接微信服务，请稍后再试';

const SUGGESTIONS: ReadonlySet<string> = new Set(['pass', 'review', 'risky']);

/**
 * Calls the WeChat server API over HTTP.
 *
 * Sign-in calls (code2Session, getPhoneNumber) throw AppException with a message the user can act on.
 * msgSecCheck and sendSubscribeMessage throw WechatApiError so the caller chooses a fallback or a retry.
 */
@Injectable()
export class WechatApiClient {
  private readonly logger = new Logger(WechatApiClient.name);
  private readonly wechat: AppConfig['wechat'];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly tokens: WechatAccessTokenService,
  ) {
    this.wechat = config.wechat;
  }

  async code2Session(code: string): Promise<WechatSession> {
    const api = 'sns/jscode2session';
    if (!code) throw this.codeInvalid(MSG_CODE_INVALID_LOGIN);
    try {
      const { appId, secret } = this.credentials(api);
      const json = await requestWechatJson({
        api,
        url: this.url('/sns/jscode2session', { appid: appId, secret, js_code: code, grant_type: 'authorization_code' }),
        method: 'GET',
        timeoutMs: this.wechat.timeoutMs,
      });
      const { openid, unionid, session_key: sessionKey } = json;
      if (!isNonEmptyString(openid) || !isNonEmptyString(sessionKey)) {
        throw WechatApiError.unreachable(api, 'answer lacks openid or session_key');
      }
      return { openid, unionid: isNonEmptyString(unionid) ? unionid : null, sessionKey };
    } catch (err) {
      throw this.toSignInException(err, MSG_CODE_INVALID_LOGIN);
    }
  }

  async getPhoneNumber(code: string): Promise<WechatPhoneNumber> {
    const api = 'wxa/business/getuserphonenumber';
    if (!code) throw this.codeInvalid(MSG_CODE_INVALID_PHONE);
    try {
      const json = await this.postWithToken(api, { code });
      const info = json.phone_info as Record<string, unknown> | undefined;
      const countryCode = typeof info?.countryCode === 'number' ? String(info.countryCode) : info?.countryCode;
      if (!isNonEmptyString(info?.phoneNumber) || !isNonEmptyString(info.purePhoneNumber) || !isNonEmptyString(countryCode)) {
        throw WechatApiError.unreachable(api, 'answer lacks phone_info');
      }
      return { phoneNumber: info.phoneNumber, purePhoneNumber: info.purePhoneNumber, countryCode };
    } catch (err) {
      throw this.toSignInException(err, MSG_CODE_INVALID_PHONE);
    }
  }

  /** Content security check (v2). Throws WechatApiError; the caller decides what an unchecked text means. */
  async msgSecCheck(input: MsgSecCheckInput): Promise<MsgSecCheckResult> {
    const api = 'wxa/msg_sec_check';
    const json = await this.postWithToken(api, {
      content: input.content,
      version: 2,
      scene: input.scene,
      openid: input.openid,
      title: input.title,
    });
    const result = json.result as Record<string, unknown> | undefined;
    const suggest = result?.suggest;
    const label = result?.label;
    if (typeof suggest !== 'string' || !SUGGESTIONS.has(suggest) || typeof label !== 'number') {
      throw WechatApiError.unreachable(api, 'answer lacks result.suggest or result.label');
    }
    return {
      suggest: suggest as MsgSecCheckResult['suggest'],
      label,
      traceId: typeof json.trace_id === 'string' ? json.trace_id : '',
    };
  }

  /**
   * Sends a subscribe message. Throws WechatSubscriptionRefusedError (43101) when the user holds no
   * subscription for the template, and WechatApiError otherwise; `retryable` says whether to try again later.
   */
  async sendSubscribeMessage(input: SubscribeMessageInput): Promise<void> {
    await this.postWithToken('cgi-bin/message/subscribe/send', {
      touser: input.toUser,
      template_id: input.templateId,
      page: input.page,
      data: input.data,
      miniprogram_state: input.miniprogramState,
      lang: 'zh_CN',
    });
  }

  /** POST with the access token; if WeChat rejects the token, refresh it once and retry once. */
  private async postWithToken(api: string, body: object): Promise<WechatJson> {
    const token = await this.tokens.getToken();
    try {
      return await this.post(api, token, body);
    } catch (err) {
      if (!(err instanceof WechatApiError) || err.errcode === null || !TOKEN_REJECTED_ERRCODES.has(err.errcode)) throw err;
      this.logger.warn(`${api}: access_token rejected (errcode ${err.errcode}), refreshing it and retrying once`);
      const fresh = await this.tokens.getToken({ forceRefresh: true, rejectedToken: token });
      return this.post(api, fresh, body);
    }
  }

  private post(api: string, token: string, body: object): Promise<WechatJson> {
    return requestWechatJson({
      api,
      url: this.url(`/${api}`, { access_token: token }),
      method: 'POST',
      body,
      timeoutMs: this.wechat.timeoutMs,
    });
  }

  private url(path: string, query: Record<string, string>): URL {
    const url = new URL(`${this.wechat.apiBase}${path}`);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    return url;
  }

  private credentials(api: string): { appId: string; secret: string } {
    const { appId, secret } = this.wechat;
    if (!appId || !secret) {
      throw new WechatApiError({ api, errcode: null, errmsg: 'WECHAT_APPID / WECHAT_SECRET not configured', retryable: false });
    }
    return { appId, secret };
  }

  private codeInvalid(message: string): AppException {
    return new AppException(HttpStatus.BAD_REQUEST, ErrorCode.WechatCodeInvalid, message);
  }

  private toSignInException(err: unknown, codeInvalidMessage: string): unknown {
    if (!(err instanceof WechatApiError)) return err;
    const { errcode } = err;
    if (errcode === 40029 || errcode === 40163 || errcode === 45011 || errcode === 40226) {
      this.logger.warn(err.message);
    } else {
      this.logger.error(err.message);
    }
    if (err instanceof WechatAccessTokenError) {
      return errcode === -1
        ? new AppException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.WechatBusy, MSG_BUSY)
        : new AppException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.WechatUnavailable, MSG_UNAVAILABLE);
    }
    switch (errcode) {
      case null:
        return new AppException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.WechatUnavailable, MSG_UNAVAILABLE);
      case 40029:
      case 40163:
        return this.codeInvalid(codeInvalidMessage);
      case 45011:
        return new AppException(HttpStatus.TOO_MANY_REQUESTS, ErrorCode.WechatRateLimited, MSG_RATE_LIMITED);
      case 40226:
        return new AppException(HttpStatus.FORBIDDEN, ErrorCode.WechatRiskyUser, MSG_RISKY_USER);
      case -1:
        return new AppException(HttpStatus.SERVICE_UNAVAILABLE, ErrorCode.WechatBusy, MSG_BUSY);
      default:
        return new AppException(HttpStatus.BAD_GATEWAY, ErrorCode.WechatUnavailable, `微信服务返回错误（错误码 ${errcode}），请稍后再试或联系社区工作人员`);
    }
  }
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
