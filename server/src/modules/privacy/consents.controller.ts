import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { MyConsentsSchema, PrivacyNoticeSchema, RecordConsentSchema } from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';
import { Authenticated, CurrentPrincipal, Public } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { ZodResponse } from '../../common/http/response-contract';
import { ConsentsService } from './consents.service';

class PrivacyNoticeDto extends createZodDto(PrivacyNoticeSchema) {}
class RecordConsentDto extends createZodDto(RecordConsentSchema) {}
class MyConsentsDto extends createZodDto(MyConsentsSchema) {}

@ApiTags('privacy')
@Controller()
export class ConsentsController {
  constructor(private readonly consents: ConsentsService) {}

  @Get('privacy/notice')
  @Public()
  @ApiOperation({ summary: 'The privacy notice in force (《暖城隐私保护指引》): version, effective date, text hash, scopes' })
  @ZodResponse({ type: PrivacyNoticeDto, status: 200 })
  notice() {
    return this.consents.notice();
  }

  @Get('me/consents')
  @Authenticated()
  @ApiOperation({ summary: 'My consent per scope for the current notice version, and every decision I made' })
  @ZodResponse({ type: MyConsentsDto, status: 200 })
  mine(@CurrentPrincipal() principal: Principal) {
    return this.consents.of(principal.userId);
  }

  @Post('me/consents')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Grant or withdraw consent to scopes of the current notice (phone, location, photos, sensitive); audited' })
  @ZodResponse({ type: MyConsentsDto, status: 200 })
  record(@Body() body: RecordConsentDto, @CurrentPrincipal() principal: Principal) {
    return this.consents.record(principal, body);
  }
}
