import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Authenticated, CurrentPrincipal, Public } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { ZodResponse } from '../../common/http/response-contract';
import { DispatchesService } from './dispatches.service';
import {
  ClaimWishDto,
  ConfirmWishDto,
  ContactRequestDto,
  CreateWishDto,
  DispatchWishDto,
  EmptyBodyDto,
  FulfilWishDto,
  PageQueryDto,
  ReasonDto,
  ResubmitWishDto,
  ReviewWishDto,
  TimelineDto,
  WishContactDto,
  WishDetailDto,
  WishListQueryDto,
  WishPageDto,
  WishSummaryPageDto,
  OverdueBoardPageDto,
} from './dto/wish.dto';
import { STAFF_ROLES } from './wish-context.service';
import { WishQueriesService } from './wish-queries.service';
import { WishesService } from './wishes.service';
import { RateLimit } from '../rate-limits/rate-limit.decorator';
import { ReadReplica } from '../../common/database/read-replicas';

@ApiTags('wishes')
@Controller('wishes')
export class WishesController {
  constructor(
    private readonly wishes: WishesService,
    private readonly queries: WishQueriesService,
    private readonly dispatches: DispatchesService,
  ) {}

  @ReadReplica()
  @Get()
  @Public()
  @ApiOperation({ summary: 'The public wish wall: published and later, newest first; beneficiaries masked, no contact details' })
  @ZodResponse({ type: WishPageDto, status: 200 })
  wall(@Query() query: WishListQueryDto) {
    return this.queries.wall(query);
  }

  @Get('review-queue')
  @Allow(STAFF_ROLES)
  @ApiOperation({ summary: 'Staff: wishes waiting for vetting, held by moderation, or disputed, in my communities' })
  @ZodResponse({ type: WishSummaryPageDto, status: 200 })
  reviewQueue(@Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.queries.reviewQueue(principal, query.page, query.pageSize);
  }

  @ReadReplica()
  @Get('overdue')
  @Allow(['street_official', 'committee_admin'])
  @ApiOperation({ summary: 'Overdue board: my street’s overdue wishes (street official) or escalated dispatches (committee)' })
  @ZodResponse({ type: OverdueBoardPageDto, status: 200 })
  overdue(@Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.queries.overdueBoard(principal, query.page, query.pageSize);
  }

  @Post()
  @Authenticated()
  @RateLimit('wish_post')
  @ApiOperation({ summary: 'Post a wish in a community (a resident; community staff with onBehalf for someone without a phone)' })
  @ZodResponse({ type: WishDetailDto, status: 201 })
  post(@Body() body: CreateWishDto, @CurrentPrincipal() principal: Principal) {
    return this.wishes.post(principal, body);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One wish; the claimant, its resident and community staff also get the beneficiary’s contact (audited)' })
  @ZodResponse({ type: WishDetailDto, status: 200 })
  detail(@Param('id') id: string, @CurrentPrincipal() principal?: Principal) {
    return this.queries.detail(id, principal);
  }

  @Get(':id/timeline')
  @Public()
  @ApiOperation({ summary: 'Every state change of a wish: actor, role, time, from → to, note' })
  @ZodResponse({ type: TimelineDto, status: 200 })
  timeline(@Param('id') id: string, @CurrentPrincipal() principal?: Principal) {
    return this.queries.timeline(id, principal);
  }

  @Post(':id/review')
  @HttpCode(200)
  @Allow(STAFF_ROLES)
  @ApiOperation({ summary: 'Staff: approve (publish) or reject with a reason' })
  @ZodResponse({ type: WishDetailDto, status: 200 })
  review(@Param('id') id: string, @Body() body: ReviewWishDto, @CurrentPrincipal() principal: Principal) {
    return this.wishes.review(principal, id, body);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'The resident withdraws the wish (until it is claimed)' })
  @ZodResponse({ type: WishDetailDto, status: 200 })
  withdraw(@Param('id') id: string, @Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    return this.wishes.withdraw(principal, id);
  }

  @Post(':id/resubmit')
  @HttpCode(200)
  @Authenticated()
  @RateLimit('wish_post')
  @ApiOperation({ summary: 'The resident edits a rejected wish and sends it to review again (the rejection stays on the timeline)' })
  @ZodResponse({ type: WishDetailDto, status: 200 })
  resubmit(@Param('id') id: string, @Body() body: ResubmitWishDto, @CurrentPrincipal() principal: Principal) {
    return this.wishes.resubmit(principal, id, body);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Claim as a member, or with onBehalfOf as an org admin for the unit; one live claim per wish' })
  @ZodResponse({ type: WishDetailDto, status: 200 })
  claim(@Param('id') id: string, @Body() body: ClaimWishDto, @CurrentPrincipal() principal: Principal) {
    return this.wishes.claim(principal, id, body);
  }

  @Post(':id/release')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'The claimant gives the claim up; the wish goes back on the wall' })
  @ZodResponse({ type: WishDetailDto, status: 200 })
  release(@Param('id') id: string, @Body() body: ReasonDto, @CurrentPrincipal() principal: Principal) {
    return this.wishes.release(principal, id, body.reason);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @Allow(STAFF_ROLES)
  @ApiOperation({ summary: 'Staff revoke a claim with a reason; the wish goes back on the wall' })
  @ZodResponse({ type: WishDetailDto, status: 200 })
  revoke(@Param('id') id: string, @Body() body: ReasonDto, @CurrentPrincipal() principal: Principal) {
    return this.wishes.revoke(principal, id, body.reason);
  }

  @Post(':id/fulfil')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'The claimant reports it fulfilled with 1–9 photos (uploaded first) and a note' })
  @ZodResponse({ type: WishDetailDto, status: 200 })
  fulfil(@Param('id') id: string, @Body() body: FulfilWishDto, @CurrentPrincipal() principal: Principal) {
    return this.wishes.fulfil(principal, id, body);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'The resident confirms receipt (rating, thanks), or staff on their behalf with a note' })
  @ZodResponse({ type: WishDetailDto, status: 200 })
  confirm(@Param('id') id: string, @Body() body: ConfirmWishDto, @CurrentPrincipal() principal: Principal) {
    return this.wishes.confirm(principal, id, body);
  }

  @Post(':id/dispute')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'The resident says it was not received (没有收到); it goes to community staff' })
  @ZodResponse({ type: WishDetailDto, status: 200 })
  dispute(@Param('id') id: string, @Body() body: ReasonDto, @CurrentPrincipal() principal: Principal) {
    return this.wishes.dispute(principal, id, body.reason);
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Allow(STAFF_ROLES)
  @ApiOperation({ summary: 'Staff send a disputed wish back to its claimant' })
  @ZodResponse({ type: WishDetailDto, status: 200 })
  reopen(@Param('id') id: string, @Body() body: ReasonDto, @CurrentPrincipal() principal: Principal) {
    return this.wishes.reopen(principal, id, body.reason);
  }

  @Post(':id/contact')
  @HttpCode(200)
  @Allow(['street_official', 'committee_admin'])
  @ApiOperation({ summary: 'Break-glass: an official above the community opens one beneficiary’s contact with a stated reason (audited)' })
  @ZodResponse({ type: WishContactDto, status: 200 })
  contact(@Param('id') id: string, @Body() body: ContactRequestDto, @CurrentPrincipal() principal: Principal) {
    return this.queries.contact(principal, id, body.reason);
  }

  @Post(':id/dispatch')
  @HttpCode(200)
  @Allow(['street_official', 'committee_admin'])
  @ApiOperation({ summary: 'Dispatch an unclaimed wish to an organisation with a deadline (督办)' })
  @ZodResponse({ type: WishDetailDto, status: 200 })
  dispatch(@Param('id') id: string, @Body() body: DispatchWishDto, @CurrentPrincipal() principal: Principal) {
    return this.dispatches.dispatch(principal, id, body);
  }
}
