import { Body, Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CertificateListSchema, CertificateSchema, CertificateVerificationSchema, IssueCertificateSchema } from '@nuancheng/shared';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Allow, Authenticated, CurrentPrincipal, Public } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { ZodResponse } from '../../common/http/response-contract';
import { CertificatesService } from './certificates.service';

class IssueCertificateDto extends createZodDto(IssueCertificateSchema) {}
class CertificateDto extends createZodDto(CertificateSchema) {}
class CertificateListDto extends createZodDto(CertificateListSchema) {}
class CertificateVerificationDto extends createZodDto(CertificateVerificationSchema) {}
class DownloadQueryDto extends createZodDto(z.object({ expires: z.coerce.number().int().min(0), token: z.string().regex(/^[0-9a-f]{32}$/, '下载链接无效') })) {}

@ApiTags('certificates')
@Controller()
export class CertificatesController {
  constructor(private readonly certificates: CertificatesService) {}

  @Post('me/certificates')
  @Allow(['member'])
  @ApiOperation({ summary: 'Issue my service-record certificate (志愿服务记录证明) for a half year or a year; audited' })
  @ZodResponse({ type: CertificateDto, status: 201 })
  issue(@Body() body: IssueCertificateDto, @CurrentPrincipal() principal: Principal) {
    return this.certificates.issue(principal, body.period);
  }

  @Get('me/certificates')
  @Authenticated()
  @ApiOperation({ summary: 'My certificates, newest first, each with a download link valid for 10 minutes' })
  @ZodResponse({ type: CertificateListDto, status: 200 })
  mine(@CurrentPrincipal() principal: Principal) {
    return this.certificates.mine(principal);
  }

  @Get('certificates/:number/pdf')
  @Public()
  @ApiOkResponse({ description: 'PDF', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'The certificate’s PDF, for the short-lived link from issuing or from my list (no sign-in: the mini-program downloads it)' })
  async pdf(@Param('number') number: string, @Query() query: DownloadQueryDto, @Res() reply: FastifyReply) {
    const { filename, bytes } = await this.certificates.pdf(number, query.expires, query.token);
    return reply
      .type('application/pdf')
      .header('Cache-Control', 'private, no-store')
      .header('Content-Disposition', `attachment; filename="certificate.pdf"; filename*=UTF-8''${encodeURIComponent(filename)}`)
      .send(bytes);
  }

  @Get('certificates/verify/:number')
  @Public()
  @ApiOperation({ summary: 'Public check of a certificate number: genuine or not, with issuer, period, total hours and the name masked' })
  @ZodResponse({ type: CertificateVerificationDto, status: 200 })
  verify(@Param('number') number: string) {
    return this.certificates.verify(number);
  }
}

/** The URL printed in a certificate's QR code: sends browsers to the H5 verification page. Served without the /api prefix. */
@Controller('verify')
export class VerifyLandingController {
  @Get(':number')
  @Public()
  @ApiOperation({ summary: 'Landing for the URL in a certificate’s QR code: redirects to the H5 verification page' })
  land(@Param('number') number: string, @Res() reply: FastifyReply) {
    return reply.redirect(`/#/packages/reports/pages/verify/index?no=${encodeURIComponent(number)}`, 302);
  }
}
