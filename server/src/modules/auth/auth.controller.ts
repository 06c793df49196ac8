import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Authenticated, CurrentPrincipal, Public } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { ZodResponse } from '../../common/http/response-contract';
import { AuthService } from './auth.service';
import { EmptyBodyDto } from '../../common/dto/common.dto';
import { AuthResultDto, BindPhoneDto, MeDto, RefreshDto, TokenPairDto, WechatSignInDto } from './dto/auth.dto';
import { RateLimit } from '../rate-limits/rate-limit.decorator';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/wechat')
  @RateLimit('sign_in')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Sign in with the code from wx.login (dev mode: dev:<name>); returns a short access token and a refresh token' })
  @ZodResponse({ type: AuthResultDto, status: 200 })
  signIn(@Body() body: WechatSignInDto, @Req() request: FastifyRequest) {
    return this.auth.signInWithWechat(body.code, { userAgent: request.headers['user-agent'] ?? null, ip: request.ip });
  }

  @Post('auth/refresh')
  @RateLimit('sign_in')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Renew the access token with the refresh token; the refresh token is replaced (a spent one presented again ends the session)' })
  @ZodResponse({ type: TokenPairDto, status: 200 })
  refresh(@Body() body: RefreshDto) {
    return this.auth.refresh(body.refreshToken);
  }

  @Post('auth/sign-out')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'End this session at once (on every instance)' })
  async signOut(@Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    await this.auth.signOut(principal);
  }

  @Post('auth/sign-out-all')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'End every session of mine, on every device, at once' })
  async signOutAll(@Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    await this.auth.signOutEverywhere(principal);
  }

  @Get('me')
  @Authenticated()
  @ApiOperation({ summary: 'The signed-in user: masked phone, role assignments, member card' })
  @ZodResponse({ type: MeDto, status: 200 })
  me(@CurrentPrincipal() principal: Principal) {
    return this.auth.me(principal.userId, principal.assignments);
  }

  @Post('me/phone')
  @RateLimit('phone_bind')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Bind the phone from getPhoneNumber’s code (dev mode: dev-phone:<11 digits>); links the roster' })
  @ZodResponse({ type: MeDto, status: 200 })
  bindPhone(@Body() body: BindPhoneDto, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest) {
    return this.auth.bindPhone(principal.userId, body.code, request.ip);
  }
}
