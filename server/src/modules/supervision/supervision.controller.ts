import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { BoardQuerySchema, BoardSchema, DashboardQuerySchema, DashboardSchema, TodoCountsSchema } from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';
import { Allow, Authenticated, CurrentPrincipal } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { ZodResponse } from '../../common/http/response-contract';
import { RateLimit } from '../rate-limits/rate-limit.decorator';
import { SupervisionService } from './supervision.service';
import { ReadReplica } from '../../common/database/read-replicas';
import { TodoCountsService } from './todo-counts.service';

class BoardQueryDto extends createZodDto(BoardQuerySchema) {}
class BoardDto extends createZodDto(BoardSchema) {}
class TodoCountsDto extends createZodDto(TodoCountsSchema) {}
class DashboardQueryDto extends createZodDto(DashboardQuerySchema) {}
class DashboardDto extends createZodDto(DashboardSchema) {}

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

  @ReadReplica()
  @Get('dashboard')
  @Allow(['street_official', 'committee_admin'])
  @ApiOperation({ summary: '督导看板: a street, district or the city for a year: members, wishes, activities, reports, agreements, units ranked, monthly series' })
  @ZodResponse({ type: DashboardDto, status: 200 })
  dashboard(@Query() query: DashboardQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.supervision.dashboard(principal, query);
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

@ApiTags('supervision')
@Controller('me/todo-counts')
export class TodoCountsController {
  constructor(private readonly todo: TodoCountsService) {}

  // Any signed-in user: the counts cover only the places their own assignments cover (none: an empty list).
  @Get()
  @Authenticated()
  @ApiOperation({ summary: "待办: what waits for me on each of my workbenches, counted by kind (the board's open items whose actor is my role in my places)" })
  @ZodResponse({ type: TodoCountsDto, status: 200 })
  counts(@CurrentPrincipal() principal: Principal) {
    return this.todo.forPrincipal(principal);
  }
}
