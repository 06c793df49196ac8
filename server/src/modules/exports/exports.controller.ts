import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ExportQuerySchema, type ExportKind } from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';
import { Allow, CurrentPrincipal } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { RateLimit } from '../rate-limits/rate-limit.decorator';
import { EXPORT_ROLES, ExportsService, REGION_EXPORT_ROLES } from './exports.service';

class ExportQueryDto extends createZodDto(ExportQuerySchema) {}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const xlsxResponse = { description: 'xlsx', content: { [XLSX]: { schema: { type: 'string' as const, format: 'binary' } } } };

/**
 * 数据导出 (GET /api/exports/<kind>.xlsx?from&to[&regionId|&organisationId]): streamed workbooks, rate-limited
 * (`export`) and audited (`export.<kind>`) like the supervision board's.
 */
@ApiTags('exports')
@Controller('exports')
export class ExportsController {
  constructor(private readonly exports: ExportsService) {}

  @Get('reports.xlsx')
  @Allow([...EXPORT_ROLES])
  @RateLimit('export')
  @ApiOkResponse(xlsxResponse)
  @ApiOperation({ summary: 'Member half-year reports of the periods overlapping from–to: a region’s (members who served there) or an organisation’s' })
  reports(@Query() query: ExportQueryDto, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.send('reports', query, principal, request, reply);
  }

  @Get('ledger.xlsx')
  @Allow([...EXPORT_ROLES])
  @RateLimit('export')
  @ApiOkResponse(xlsxResponse)
  @ApiOperation({ summary: 'Ledger entries from–to: served in a region’s streets, or counted for an organisation’s branches and units' })
  ledger(@Query() query: ExportQueryDto, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.send('ledger', query, principal, request, reply);
  }

  @Get('wishes.xlsx')
  @Allow([...REGION_EXPORT_ROLES])
  @RateLimit('export')
  @ApiOkResponse(xlsxResponse)
  @ApiOperation({ summary: 'Wishes entered from–to in a region (beneficiaries masked, no contact)' })
  wishes(@Query() query: ExportQueryDto, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.send('wishes', query, principal, request, reply);
  }

  @Get('activities.xlsx')
  @Allow([...EXPORT_ROLES])
  @RateLimit('export')
  @ApiOkResponse(xlsxResponse)
  @ApiOperation({ summary: 'Activities starting from–to and their sign-ups and check-ins (two sheets)' })
  activities(@Query() query: ExportQueryDto, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.send('activities', query, principal, request, reply);
  }

  private async send(kind: ExportKind, query: ExportQueryDto, principal: Principal, request: FastifyRequest, reply: FastifyReply) {
    const { filename, stream } = await this.exports.export(principal, kind, query, request.ip);
    return reply
      .type(XLSX)
      .header('Cache-Control', 'private, no-store')
      .header('Content-Disposition', `attachment; filename="${kind}.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
      .send(stream);
  }
}
