import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { BoardQuerySchema, BoardSchema } from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';
import { Allow, CurrentPrincipal } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { ZodResponse } from '../../common/http/response-contract';
import { SupervisionService } from './supervision.service';

class BoardQueryDto extends createZodDto(BoardQuerySchema) {}
class BoardDto extends createZodDto(BoardSchema) {}

@ApiTags('supervision')
@Controller('supervision')
export class SupervisionController {
  constructor(private readonly supervision: SupervisionService) {}

  // The region is optional (the caller's own by default), so the service checks it against the assignments.
  @Get('board')
  @Allow(['street_official', 'committee_admin'])
  @ApiOperation({ summary: '件件有着落: every open item of a street, district or the city with who should act and a link to act' })
  @ZodResponse({ type: BoardDto, status: 200 })
  board(@Query() query: BoardQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.supervision.board(principal, query.regionId);
  }
}
