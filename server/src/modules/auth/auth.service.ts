import { Inject, Injectable } from '@nestjs/common';
import { setRequestActor } from '../../common/http/request-context';
import { JwtService } from '@nestjs/jwt';
import { AuthResult, Me, PhoneSchema, type TokenPair } from '@nuancheng/shared';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { AppException, ErrorCode } from '../../common/errors/app.exception';
import type { Principal, PrincipalAssignment } from '../../common/access/principal';
import type { AccessTokenPayload } from '../access/access.types';
import { MembersService } from '../members/members.service';
import { RateLimitsService } from '../rate-limits/rate-limits.service';
import { SessionsService, type OpenedSession } from '../users/sessions.service';
import { UsersService } from '../users/users.service';
import { WechatApiClient } from '../wechat/wechat-api.client';

const DEV_SIGN_IN = /^dev:([a-z0-9][a-z0-9-]{0,39})$/;
const DEV_PHONE = /^dev-phone:(\d{11})$/;

/** Where a sign-in comes from, kept on the session. */
export interface Client {
  userAgent: string | null;
  ip: string | null;
}

/**
 * Turns WeChat's one-time codes into identities. `live` asks WeChat (jscode2session, getuserphonenumber);
 * `dev` accepts `dev:<name>` and `dev-phone:<11 digits>` so the app runs without a WeChat account.
 */
@Injectable()
export class AuthService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly wechat: WechatApiClient,
    private readonly users: UsersService,
    private readonly members: MembersService,
    private readonly limits: RateLimitsService,
    private readonly sessions: SessionsService,
    private readonly jwt: JwtService,
  ) {}

  /**
   * 我的: the user (masked phone), their roles and their member card. `assignments`: the caller's, when the guard
   * has just loaded them (GET /api/me), so they are not read twice.
   */
  async me(userId: string, assignments?: PrincipalAssignment[]): Promise<Me> {
    const [profile, roles, member] = await Promise.all([this.users.profile(userId), assignments ?? this.users.assignmentsOf(userId), this.members.cardOfUser(userId)]);
    return { ...profile, roles: roles.map(({ scopePath: _path, regionLevel: _level, ...role }) => role), member };
  }

  async signInWithWechat(code: string, client: Client): Promise<AuthResult> {
    const { openid, unionid } = await this.exchangeLoginCode(code);
    // Per account as well as per address (the route's guard): one WeChat account signing in over and over.
    await this.limits.consume('sign_in', 'account', openid);
    const user = await this.users.signIn(openid, unionid);
    setRequestActor(user.id);
    if (user.disabledAt) throw AppException.forbidden('该账号已被停用，如有疑问请联系社区工作人员');
    const session = await this.sessions.open(user.id, client);
    return { ...(await this.tokens(session)), user: await this.me(user.id) };
  }

  /** A new access token and the next refresh token (the old one is spent). */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const session = await this.sessions.rotate(refreshToken);
    setRequestActor(session.userId);
    if (await this.users.isDisabled(session.userId)) {
      await this.sessions.revoke(session.sessionId, 'disabled');
      throw AppException.unauthenticated('该账号已被停用', ErrorCode.AccountDisabled);
    }
    return this.tokens(session);
  }

  signOut(principal: Principal): Promise<void> {
    return this.sessions.revoke(principal.sessionId, 'sign_out');
  }

  async signOutEverywhere(principal: Principal): Promise<void> {
    await this.sessions.revokeAll(principal.userId, 'sign_out_all');
  }

  private async tokens(session: OpenedSession): Promise<TokenPair> {
    const payload: AccessTokenPayload = { sub: session.userId, sid: session.sessionId };
    return {
      token: await this.jwt.signAsync(payload),
      expiresIn: this.config.accessTokenTtlS,
      refreshToken: session.refreshToken,
      refreshExpiresIn: Math.max(0, Math.floor((session.expiresAt.getTime() - Date.now()) / 1000)),
    };
  }

  async bindPhone(userId: string, code: string, ip: string | null): Promise<Me> {
    await this.users.bindPhone(userId, await this.exchangePhoneCode(code), ip);
    return this.me(userId);
  }

  private async exchangeLoginCode(code: string): Promise<{ openid: string; unionid: string | null }> {
    const dev = DEV_SIGN_IN.exec(code);
    if (this.config.wechat.mode === 'dev') {
      if (!dev) throw AppException.badRequest('开发模式下请使用 dev:<名称> 登录，例如 dev:resident');
      return { openid: `dev-${dev[1]}`, unionid: null };
    }
    if (code.startsWith('dev:')) throw AppException.badRequest('正式环境不接受开发登录码', ErrorCode.DevCodeRejected);
    const session = await this.wechat.code2Session(code);
    // session_key stays here: it is not stored, logged or returned.
    return { openid: session.openid, unionid: session.unionid };
  }

  private async exchangePhoneCode(code: string): Promise<string> {
    let phone: string;
    if (this.config.wechat.mode === 'dev') {
      const dev = DEV_PHONE.exec(code);
      if (!dev) throw AppException.badRequest('开发模式下请使用 dev-phone:<11位手机号> 绑定，例如 dev-phone:13800001234');
      phone = dev[1];
    } else {
      if (code.startsWith('dev-phone:')) throw AppException.badRequest('正式环境不接受开发手机号码', ErrorCode.DevCodeRejected);
      phone = (await this.wechat.getPhoneNumber(code)).purePhoneNumber;
    }
    const parsed = PhoneSchema.safeParse(phone);
    if (!parsed.success) throw AppException.badRequest('仅支持中国大陆 11 位手机号');
    return parsed.data;
  }
}
