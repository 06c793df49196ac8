import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PLEDGE_LIST_ROLES } from '@nuancheng/shared';
import { Allow, Authenticated, CurrentPrincipal, Public } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { ZodResponse } from '../../common/http/response-contract';
import {
  AssessPledgeDto,
  CompletePledgeDto,
  MyPledgesDto,
  PledgeDto,
  PledgeInputDto,
  PledgeListQueryDto,
  PledgePageDto,
  PledgeProgressInputDto,
  PledgeTimelineDto,
  PublicPledgePageDto,
  PublicPledgeQueryDto,
  ReviewPledgeDto,
} from './dto/pledge.dto';
import { PledgeQueriesService } from './pledge-queries.service';
import { PledgesService } from './pledges.service';
import { ReadReplica } from '../../common/database/read-replicas';

@ApiTags('pledges')
@Controller('pledges')
export class PledgesController {
  constructor(
    private readonly pledges: PledgesService,
    private readonly queries: PledgeQueriesService,
  ) {}

  @Post()
  @Allow(['member'])
  @ApiOperation({ summary: '一党员一践诺: a member makes their pledge for the due date’s year (one a year), submitted to their branch secretary' })
  @ZodResponse({ type: PledgeDto, status: 201 })
  create(@Body() body: PledgeInputDto, @CurrentPrincipal() principal: Principal) {
    return this.pledges.create(principal, body);
  }

  @Get('mine')
  @Allow(['member'])
  @ApiOperation({ summary: '我的践诺: the signed-in member’s pledges, newest year first, and their residence community' })
  @ZodResponse({ type: MyPledgesDto, status: 200 })
  mine(@CurrentPrincipal() principal: Principal) {
    return this.queries.mine(principal);
  }

  @ReadReplica()
  @Get('public')
  @Public()
  @ApiOperation({ summary: 'A community’s public pledges of a year (亮诺 onwards): the name as the member chose, the branch, the pledge' })
  @ZodResponse({ type: PublicPledgePageDto, status: 200 })
  publicList(@Query() query: PublicPledgeQueryDto) {
    return this.queries.publicList(query);
  }

  @Get()
  @Allow([...PLEDGE_LIST_ROLES])
  @ApiOperation({ summary: 'Pledges in my scope (branch secretary, community staff, committee admin): filters, what waits for me (todo), overdue' })
  @ZodResponse({ type: PledgePageDto, status: 200 })
  list(@Query() query: PledgeListQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.queries.list(principal, query);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One pledge: in full for the member, their secretary, their community’s staff and committee admins; its public face for anyone once approved' })
  @ZodResponse({ type: PledgeDto, status: 200 })
  get(@Param('id') id: string, @CurrentPrincipal() principal?: Principal) {
    return this.queries.detail(id, principal);
  }

  @Get(':id/timeline')
  @Authenticated()
  @ApiOperation({ summary: 'Every step of a pledge: who, when, from → to, note (those it concerns)' })
  @ZodResponse({ type: PledgeTimelineDto, status: 200 })
  timeline(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.timeline(id, principal);
  }

  @Put(':id')
  @Allow(['member'])
  @ApiOperation({ summary: 'The member revises a returned (or still pending) pledge and submits it again' })
  @ZodResponse({ type: PledgeDto, status: 200 })
  revise(@Param('id') id: string, @Body() body: PledgeInputDto, @CurrentPrincipal() principal: Principal) {
    return this.pledges.revise(principal, id, body);
  }

  @Post(':id/review')
  @HttpCode(200)
  @Allow(['branch_secretary'])
  @ApiOperation({ summary: 'The branch secretary approves (亮诺: public on the community page) or returns it with a reason' })
  @ZodResponse({ type: PledgeDto, status: 200 })
  review(@Param('id') id: string, @Body() body: ReviewPledgeDto, @CurrentPrincipal() principal: Principal) {
    return this.pledges.review(principal, id, body);
  }

  @Post(':id/progress')
  @Allow(['member'])
  @ApiOperation({ summary: 'The member posts progress on an approved pledge, with optional photos' })
  @ZodResponse({ type: PledgeDto, status: 201 })
  progress(@Param('id') id: string, @Body() body: PledgeProgressInputDto, @CurrentPrincipal() principal: Principal) {
    return this.pledges.progress(principal, id, body);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Allow(['member'])
  @ApiOperation({ summary: '践诺: the member marks it done with evidence (credits their ledger once)' })
  @ZodResponse({ type: PledgeDto, status: 200 })
  complete(@Param('id') id: string, @Body() body: CompletePledgeDto, @CurrentPrincipal() principal: Principal) {
    return this.pledges.complete(principal, id, body);
  }

  @Post(':id/assessments')
  @Allow(['branch_secretary', 'community_staff'])
  @ApiOperation({ summary: '评诺: the branch secretary or the residence community’s staff assess a done pledge, each once' })
  @ZodResponse({ type: PledgeDto, status: 201 })
  assess(@Param('id') id: string, @Body() body: AssessPledgeDto, @CurrentPrincipal() principal: Principal) {
    return this.pledges.assess(principal, id, body);
  }
}
