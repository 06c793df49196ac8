import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Authenticated, CurrentPrincipal } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { ZodResponse } from '../../common/http/response-contract';
import { DispatchesService } from './dispatches.service';
import { DispatchAnswerDto, DispatchListDto, MyWishCountsDto, PageQueryDto, WishSummaryPageDto } from './dto/wish.dto';
import { WishQueriesService } from './wish-queries.service';

@ApiTags('wishes')
@Controller()
export class MyWishesController {
  constructor(
    private readonly queries: WishQueriesService,
    private readonly dispatches: DispatchesService,
  ) {}

  @Get('me/wishes')
  @Authenticated()
  @ApiOperation({ summary: 'Wishes I posted, in every state, newest first' })
  @ZodResponse({ type: WishSummaryPageDto, status: 200 })
  mine(@Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.queries.mine(principal, query.page, query.pageSize);
  }

  @Get('me/wishes/counts')
  @Authenticated()
  @ApiOperation({ summary: 'How many of the wishes I posted are in each state (for 我的)' })
  @ZodResponse({ type: MyWishCountsDto, status: 200 })
  counts(@CurrentPrincipal() principal: Principal) {
    return this.queries.myCounts(principal);
  }

  @Get('me/claims')
  @Authenticated()
  @ApiOperation({ summary: 'Wishes I (or the units I administer) claimed, with deadlines' })
  @ZodResponse({ type: WishSummaryPageDto, status: 200 })
  claims(@Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.queries.myClaims(principal, query.page, query.pageSize);
  }

  @Get('me/dispatches')
  @Allow(['org_admin'])
  @ApiOperation({ summary: 'Org admin: wishes dispatched to my units, open ones first' })
  @ZodResponse({ type: DispatchListDto, status: 200 })
  myDispatches(@CurrentPrincipal() principal: Principal) {
    return this.dispatches.mine(principal);
  }

  @Post('dispatches/:id/answer')
  @HttpCode(204)
  @Allow(['org_admin'])
  @ApiOperation({ summary: 'Org admin: accept a dispatch (it becomes the unit’s claim) or decline with a reason' })
  async answer(@Param('id') id: string, @Body() body: DispatchAnswerDto, @CurrentPrincipal() principal: Principal) {
    await this.dispatches.answer(principal, id, body);
  }
}
