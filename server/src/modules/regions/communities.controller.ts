import { Body, Controller, Get, Header, Param, Patch, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { COMMUNITY_CODE_PATTERN } from '@nuancheng/shared';
import type { FastifyReply } from 'fastify';
import { Allow, communityCodeFrom, CurrentPrincipal, Public } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { ZodResponse } from '../../common/http/response-contract';
import { CommunityQrCodeService } from './community-qrcode.service';
import { CommunityPublicDto, UpdateCommunityProfileDto } from './dto/region.dto';
import { RegionsService } from './regions.service';

@ApiTags('communities')
@Controller('communities')
export class CommunitiesController {
  constructor(
    private readonly regions: RegionsService,
    private readonly qrCodes: CommunityQrCodeService,
  ) {}

  @Get(':code')
  @Public()
  @ApiOperation({ summary: 'A community by its public code, with its street and district (what its QR code opens)' })
  @ZodResponse({ type: CommunityPublicDto, status: 200 })
  get(@Param('code') code: string) {
    return this.regions.findCommunityByCode(code);
  }

  @Patch(':code')
  @Allow(['community_staff', 'street_official', 'committee_admin'], communityCodeFrom('params', 'code'))
  @ApiOperation({ summary: 'Update a community’s address, service phone, map point or check-in radius (its own staff, street or committee)' })
  @ZodResponse({ type: CommunityPublicDto, status: 200 })
  async updateProfile(@Param('code') code: string, @Body() body: UpdateCommunityProfileDto, @CurrentPrincipal() principal: Principal) {
    const community = await this.regions.findCommunityByCode(code);
    await this.regions.update(community.id, body, principal.userId);
    return this.regions.findCommunityByCode(code);
  }

  @Get(':code/qrcode.png')
  @Public()
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOkResponse({ description: 'PNG image', content: { 'image/png': { schema: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'Printable QR code (PNG, 1024 px) that opens the community page in the mini-program' })
  async png(@Param('code') code: string, @Res() reply: FastifyReply) {
    const png = await this.qrCodes.png(code);
    return reply.type('image/png').send(png);
  }

  @Get(':code/qrcode.svg')
  @Public()
  @Header('Cache-Control', 'public, max-age=3600')
  @ApiOkResponse({ description: 'SVG image', content: { 'image/svg+xml': { schema: { type: 'string' } } } })
  @ApiOperation({ summary: 'Printable QR code (SVG with the community name as caption)' })
  async svg(@Param('code') code: string, @Res() reply: FastifyReply) {
    const svg = await this.qrCodes.svg(code);
    return reply.type('image/svg+xml; charset=utf-8').send(svg);
  }
}

const QR_INVALID_PAGE =
  '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
  '<title>二维码无效</title></head><body style="font:18px/1.6 sans-serif;padding:32px;color:#1a1a1a">' +
  '<h1 style="font-size:22px">这个社区二维码无法识别</h1><p>二维码可能已损坏或链接不完整。请重新扫描社区张贴的二维码，或联系社区工作人员。</p>' +
  '<p><a href="/" style="color:#a50f15">打开暖城首页</a></p></body></html>';

/** Where the printed URL lands outside WeChat: the H5 community page. Served without the /api prefix. */
@Controller('qr/c')
export class QrLandingController {
  @Get(':code')
  @Public()
  @ApiOperation({ summary: 'Landing for the URL printed in community QR codes: redirects browsers to the H5 page' })
  land(@Param('code') code: string, @Res() reply: FastifyReply) {
    // A damaged or mistyped printed URL: say so in Chinese to the person holding the phone.
    if (!COMMUNITY_CODE_PATTERN.test(code)) {
      return reply.code(404).type('text/html; charset=utf-8').send(QR_INVALID_PAGE);
    }
    return reply.redirect(`/#/pages/community/index?code=${encodeURIComponent(code)}`, 302);
  }
}
