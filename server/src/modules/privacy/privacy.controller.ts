import { Body, Controller, Get, HttpCode, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DeleteAccountResultSchema, DeleteAccountSchema } from '@nuancheng/shared';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import { Authenticated, CurrentPrincipal } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { ZodResponse } from '../../common/http/response-contract';
import { PrivacyService } from './privacy.service';

class DeleteAccountDto extends createZodDto(DeleteAccountSchema) {}
class DeleteAccountResultDto extends createZodDto(DeleteAccountResultSchema) {}

@ApiTags('privacy')
@Controller()
export class PrivacyController {
  constructor(private readonly privacy: PrivacyService) {}

  @Get('me/data')
  @Authenticated()
  @ApiOperation({ summary: 'Download everything held about me (JSON attachment, PIPL art. 45); audited' })
  @ApiOkResponse({
    description:
      'A JSON attachment: sections named in Chinese and English (账号 account, 身份 roles, 党员信息 member, 我发布的心愿 wishes, 我的认领 claims, 同意记录 consents, 消息通知 notifications, 上传的照片 uploads)',
    content: { 'application/json': { schema: { type: 'object', additionalProperties: true } } },
  })
  async data(@CurrentPrincipal() principal: Principal, @Res() reply: FastifyReply) {
    const document = await this.privacy.exportOf(principal);
    return reply
      .type('application/json; charset=utf-8')
      .header('Cache-Control', 'private, no-store')
      .header('Content-Disposition', `attachment; filename="my-data.json"; filename*=UTF-8''${encodeURIComponent('我的数据.json')}`)
      .send(JSON.stringify(document, null, 2));
  }

  @Post('me/delete')
  @Authenticated()
  @HttpCode(200)
  @ApiOperation({ summary: 'Delete my account (注销): personal fields anonymised, wishes keep their history; residents only; audited' })
  @ZodResponse({ type: DeleteAccountResultDto, status: 200 })
  delete(@Body() body: DeleteAccountDto, @CurrentPrincipal() principal: Principal) {
    return this.privacy.deleteAccount(principal, body.confirm);
  }
}
