import { AuthResultSchema, BindPhoneSchema, MeSchema, RefreshSchema, TokenPairSchema, WechatSignInSchema } from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';

export class WechatSignInDto extends createZodDto(WechatSignInSchema) {}
export class AuthResultDto extends createZodDto(AuthResultSchema) {}
export class MeDto extends createZodDto(MeSchema) {}
export class BindPhoneDto extends createZodDto(BindPhoneSchema) {}
export class RefreshDto extends createZodDto(RefreshSchema) {}
export class TokenPairDto extends createZodDto(TokenPairSchema) {}
