import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BoardQuerySchema, BoardSchema } from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';
import { Allow, CurrentPrincipal } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { ZodResponse } from '../../common/http/response-contract';
import { RateLimit } from '../rate-limits/rate-limit.decorator';
import { SupervisionService } from './supervision.service';
import { ReadReplica } from '../../common/database/read-replicas';

class BoardQueryDto extends createZodDto(BoardQuerySchema) {}
class BoardDto extends createZodDto(BoardSchema) {}

@ApiTags('supervision')
@Controller('supervision')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  // The region is optional (the caller's own by default), so the service checks it against the assignments.
  @ReadReplica()
  @Get('board')
  @Allow(['street_official', 'committee_admin'])
  @ApiOperation({ summary: '件件有着落: every open item of a street, district or the city with who should act and a link to act' })
  @ZodResponse({ type: BoardDto, status: 200 })
  board(@Query() query: BoardQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.supervision.board(principal, query.regionId);
  }

  @Get('board.xlsx')
  @Allow(['street_official', 'committee_admin'])
  @RateLimit('export')
  @ApiOkResponse({ description: 'xlsx', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'The board as a streamed .xlsx (names masked), audited with its scope and row count' })
  async boardXlsx(@Query() query: BoardQueryDto, @CurrentPrincipal() principal: Principal, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    const { filename, stream } = await this.supervision.exportBoard(principal, query.regionId, request.ip);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Cache-Control', 'private, no-store')
      .header('Content-Disposition', `attachment; filename="board.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`)
      .send(stream);
  }
}
