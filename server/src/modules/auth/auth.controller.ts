import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Authenticated, CurrentPrincipal, Public } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { ZodResponse } from '../../common/http/response-contract';
import { AuthService } from './auth.service';
import { AuthResultDto, BindPhoneDto, MeDto, WechatSignInDto } from './dto/auth.dto';
import { RateLimit } from '../rate-limits/rate-limit.decorator';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('auth/wechat')
  @RateLimit('sign_in')
  @HttpCode(200)
  @Public()
  @ApiOperation({ summary: 'Sign in with the code from wx.login (dev mode: dev:<name>); returns a bearer token' })
  @ZodResponse({ type: AuthResultDto, status: 200 })
  signIn(@Body() body: WechatSignInDto) {
    return this.auth.signInWithWechat(body.code);
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
