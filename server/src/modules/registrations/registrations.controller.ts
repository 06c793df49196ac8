import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  MyRegistrationSchema,
  RegistrationListQuerySchema,
  RegistrationPageSchema,
  RegistrationSchema,
  RejectRegistrationSchema,
  RequestRegistrationSchema,
  TimelineSchema,
  WithdrawRegistrationSchema,
} from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';
import { Allow, Authenticated, CurrentPrincipal } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { EmptyBodyDto } from '../../common/dto/common.dto';
import { ZodResponse } from '../../common/http/response-contract';
import { REGISTRATION_VIEWER_ROLES, RegistrationsService } from './registrations.service';

class RegistrationDto extends createZodDto(RegistrationSchema) {}
class RegistrationPageDto extends createZodDto(RegistrationPageSchema) {}
class MyRegistrationDto extends createZodDto(MyRegistrationSchema) {}
class RequestRegistrationDto extends createZodDto(RequestRegistrationSchema) {}
class RejectRegistrationDto extends createZodDto(RejectRegistrationSchema) {}
class WithdrawRegistrationDto extends createZodDto(WithdrawRegistrationSchema) {}
class RegistrationListQueryDto extends createZodDto(RegistrationListQuerySchema) {}
class RegistrationTimelineDto extends createZodDto(TimelineSchema) {}

@ApiTags('registrations')
@Controller('registrations')
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  @Get('mine')
  @Authenticated()
  @ApiOperation({ summary: 'Member: my registration (active, waiting, last rejection) for the member card' })
  @ZodResponse({ type: MyRegistrationDto, status: 200 })
  mine(@CurrentPrincipal() principal: Principal) {
    return this.registrations.mine(principal);
  }

  @Get()
  @Allow(REGISTRATION_VIEWER_ROLES)
  @ApiOperation({ summary: 'Staff: registrations waiting (status=pending, oldest first) or registered members (status=confirmed) in my communities' })
  @ZodResponse({ type: RegistrationPageDto, status: 200 })
  list(@Query() query: RegistrationListQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.registrations.list(principal, query);
  }

  @Post()
  @Authenticated()
  @ApiOperation({ summary: 'Member: ask to register with a community (one request waiting at a time; a change of community ends the old one when confirmed)' })
  @ZodResponse({ type: RegistrationDto, status: 201 })
  request(@Body() body: RequestRegistrationDto, @CurrentPrincipal() principal: Principal) {
    return this.registrations.request(principal, body.communityId);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'One registration: the member themself or the staff of its community' })
  @ZodResponse({ type: RegistrationDto, status: 200 })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.registrations.get(principal, id);
  }

  @Get(':id/timeline')
  @Authenticated()
  @ApiOperation({ summary: 'Every state change of a registration: actor, time, from → to, note' })
  @ZodResponse({ type: RegistrationTimelineDto, status: 200 })
  timeline(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.registrations.timeline(principal, id);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @Allow(['community_staff'])
  @ApiOperation({ summary: 'Community staff: confirm the registration (ends the member’s active one elsewhere; residence follows)' })
  @ZodResponse({ type: RegistrationDto, status: 200 })
  confirm(@Param('id') id: string, @Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    return this.registrations.confirm(principal, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Allow(['community_staff'])
  @ApiOperation({ summary: 'Community staff: reject the request with a reason' })
  @ZodResponse({ type: RegistrationDto, status: 200 })
  reject(@Param('id') id: string, @Body() body: RejectRegistrationDto, @CurrentPrincipal() principal: Principal) {
    return this.registrations.reject(principal, id, body.reason);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Member: withdraw my request while it waits' })
  @ZodResponse({ type: RegistrationDto, status: 200 })
  cancel(@Param('id') id: string, @Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    return this.registrations.cancel(principal, id);
  }

  @Post(':id/withdraw')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Member: end my confirmed registration (optional reason)' })
  @ZodResponse({ type: RegistrationDto, status: 200 })
  withdraw(@Param('id') id: string, @Body() body: WithdrawRegistrationDto, @CurrentPrincipal() principal: Principal) {
    return this.registrations.withdraw(principal, id, body.reason ?? null);
  }
}
