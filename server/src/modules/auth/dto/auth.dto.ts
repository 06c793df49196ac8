import { AuthResultSchema, BindPhoneSchema, MeSchema, WechatSignInSchema } from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';

export class WechatSignInDto extends createZodDto(WechatSignInSchema) {}
export class AuthResultDto extends createZodDto(AuthResultSchema) {}
export class MeDto extends createZodDto(MeSchema) {}
export class BindPhoneDto extends createZodDto(BindPhoneSchema) {}
