import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Public } from '../../common/access/access.decorator';
import { AppException } from '../../common/errors/app.exception';
import { ZodResponse } from '../../common/http/response-contract';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { DEMO_PERSONAS } from '../../database/seed/demo-data';

class PersonaListDto extends createZodDto(z.object({ items: z.array(z.object({ code: z.string(), label: z.string() })) })) {}

@ApiTags('dev')
@Controller('dev')
export class DevController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('personas')
  @Public()
  @ApiOperation({ summary: 'Demo sign-in codes (dev mode only; 404 in live mode)' })
  @ZodResponse({ type: PersonaListDto, status: 200 })
  personas() {
    if (this.config.wechat.mode !== 'dev') throw AppException.notFound('请求的内容不存在');
    return { items: DEMO_PERSONAS.map(({ code, label }) => ({ code, label })) };
  }
}
