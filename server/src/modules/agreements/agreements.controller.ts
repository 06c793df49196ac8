import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AgreementListQuerySchema,
  AgreementPageSchema,
  AgreementReasonSchema,
  AgreementSchema,
  AgreementTermsSchema,
  DispatchCandidatesSchema,
  OnePlusNSchema,
  ProposeAgreementSchema,
  TimelineSchema,
} from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';
import { Allow, CurrentPrincipal } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { EmptyBodyDto } from '../../common/dto/common.dto';
import { ZodResponse } from '../../common/http/response-contract';
import { AGREEMENT_LIST_ROLES, AgreementQueriesService } from './agreement-queries.service';
import { AgreementsService } from './agreements.service';
import { OnePlusNService } from './one-plus-n.service';

class ProposeAgreementDto extends createZodDto(ProposeAgreementSchema) {}
class AgreementTermsDto extends createZodDto(AgreementTermsSchema) {}
class AgreementReasonDto extends createZodDto(AgreementReasonSchema) {}
class AgreementDto extends createZodDto(AgreementSchema) {}
class AgreementPageDto extends createZodDto(AgreementPageSchema) {}
class AgreementListQueryDto extends createZodDto(AgreementListQuerySchema) {}
class AgreementTimelineDto extends createZodDto(TimelineSchema) {}
class OnePlusNDto extends createZodDto(OnePlusNSchema) {}
class DispatchCandidatesDto extends createZodDto(DispatchCandidatesSchema) {}

/** Who signs: org admins propose; street officials, community staff and committee admins countersign. */
const SIGNERS = ['org_admin', 'street_official', 'community_staff', 'committee_admin'] as const;

@ApiTags('agreements')
@Controller('agreements')
export class AgreementsController {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly queries: AgreementQueriesService,
  ) {}

  @Get()
  @Allow(AGREEMENT_LIST_ROLES)
  @ApiOperation({ summary: 'Co-building agreements in my scope: my units’ (org admin), my street’s (official), my community’s (staff), below me (committee)' })
  @ZodResponse({ type: AgreementPageDto, status: 200 })
  list(@Query() query: AgreementListQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.queries.list(principal, query);
  }

  @Post()
  @Allow(['org_admin'])
  @ApiOperation({ summary: 'Propose an agreement between my unit (or party committee) and a street or community: term, contact, commitments (资源清单)' })
  @ZodResponse({ type: AgreementDto, status: 201 })
  propose(@Body() body: ProposeAgreementDto, @CurrentPrincipal() principal: Principal) {
    return this.agreements.propose(principal, body);
  }

  @Get(':id')
  @Allow([...SIGNERS])
  @ApiOperation({ summary: 'One agreement: both signatures, commitments with committed vs delivered, the actions offered to me' })
  @ZodResponse({ type: AgreementDto, status: 200 })
  detail(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.detail(id, principal);
  }

  @Get(':id/timeline')
  @Allow([...SIGNERS])
  @ApiOperation({ summary: 'Every change of an agreement: who, in which role, when, from → to, note' })
  @ZodResponse({ type: AgreementTimelineDto, status: 200 })
  timeline(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.queries.timeline(id, principal);
  }

  @Post(':id/countersign')
  @HttpCode(200)
  @Allow(['street_official', 'community_staff', 'committee_admin'])
  @ApiOperation({ summary: 'The street official (community staff for a community) countersigns: the agreement is in force (组织报到)' })
  @ZodResponse({ type: AgreementDto, status: 200 })
  countersign(@Param('id') id: string, @Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    return this.agreements.countersign(principal, id);
  }

  @Post(':id/return')
  @HttpCode(200)
  @Allow(['street_official', 'community_staff', 'committee_admin'])
  @ApiOperation({ summary: 'The other side sends a proposed agreement back to the unit with a reason' })
  @ZodResponse({ type: AgreementDto, status: 200 })
  returnToProposer(@Param('id') id: string, @Body() body: AgreementReasonDto, @CurrentPrincipal() principal: Principal) {
    return this.agreements.returnToProposer(principal, id, body.reason);
  }

  @Post(':id/repropose')
  @HttpCode(200)
  @Allow(['org_admin'])
  @ApiOperation({ summary: 'The unit edits a returned agreement (term, contact, commitments) and proposes it again' })
  @ZodResponse({ type: AgreementDto, status: 200 })
  repropose(@Param('id') id: string, @Body() body: AgreementTermsDto, @CurrentPrincipal() principal: Principal) {
    return this.agreements.repropose(principal, id, body);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Allow(['org_admin'])
  @ApiOperation({ summary: 'The unit withdraws an agreement not yet in force' })
  @ZodResponse({ type: AgreementDto, status: 200 })
  withdraw(@Param('id') id: string, @Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    return this.agreements.withdraw(principal, id);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Allow([...SIGNERS])
  @ApiOperation({ summary: 'Either side ends an agreement in force before its term, with a reason' })
  @ZodResponse({ type: AgreementDto, status: 200 })
  endEarly(@Param('id') id: string, @Body() body: AgreementReasonDto, @CurrentPrincipal() principal: Principal) {
    return this.agreements.endEarly(principal, id, body.reason);
  }
}

/** 1+N: a street's or community's partners beside its needs; the dispatch picker's ranking of units for a wish. */
@ApiTags('agreements')
@Controller()
export class OnePlusNController {
  constructor(private readonly onePlusN: OnePlusNService) {}

  @Get('regions/:id/one-plus-n')
  @Allow(['street_official', 'community_staff', 'committee_admin', 'org_admin'])
  @ApiOperation({ summary: '1+N of a street or community: partner units (agreements in force) with commitments and delivery, beside open needs and their matching partners' })
  @ZodResponse({ type: OnePlusNDto, status: 200 })
  view(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.onePlusN.view(principal, id);
  }

  @Get('wishes/:id/dispatch-candidates')
  @Allow(['street_official', 'committee_admin'])
  @ApiOperation({ summary: 'Units to dispatch a wish to: partners whose commitments match its category (with the commitment), other partners, then every unit' })
  @ZodResponse({ type: DispatchCandidatesDto, status: 200 })
  dispatchCandidates(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.onePlusN.dispatchCandidates(principal, id);
  }
}
