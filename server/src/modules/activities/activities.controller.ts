import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ActivityDetailSchema,
  ActivityListQuerySchema,
  ActivityPageSchema,
  ApproveAllResultSchema,
  AttendanceListSchema,
  CancelActivitySchema,
  CheckinCodeSchema,
  CheckinSchema,
  CreateActivitySchema,
  HoursReviewSchema,
  ManualAttendanceSchema,
  MyActivityPageSchema,
  OrganisablePlaceListSchema,
  TimelineSchema,
} from '@nuancheng/shared';
import type { FastifyReply } from 'fastify';
import { createZodDto } from 'nestjs-zod';
import { Allow, CurrentPrincipal, Public } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { EmptyBodyDto, PageQueryDto } from '../../common/dto/common.dto';
import { ZodResponse } from '../../common/http/response-contract';
import { ActivitiesFacade } from './activities.facade';
import { ReadReplica } from '../../common/database/read-replicas';

class CreateActivityDto extends createZodDto(CreateActivitySchema) {}
class ActivityListQueryDto extends createZodDto(ActivityListQuerySchema) {}
class ActivityPageDto extends createZodDto(ActivityPageSchema) {}
class ActivityDetailDto extends createZodDto(ActivityDetailSchema) {}
class MyActivityPageDto extends createZodDto(MyActivityPageSchema) {}
class CancelActivityDto extends createZodDto(CancelActivitySchema) {}
class CheckinCodeDto extends createZodDto(CheckinCodeSchema) {}
class CheckinDto extends createZodDto(CheckinSchema) {}
class ManualAttendanceDto extends createZodDto(ManualAttendanceSchema) {}
class HoursReviewDto extends createZodDto(HoursReviewSchema) {}
class AttendanceListDto extends createZodDto(AttendanceListSchema) {}
class ApproveAllResultDto extends createZodDto(ApproveAllResultSchema) {}
class ActivityTimelineDto extends createZodDto(TimelineSchema) {}
class OrganisablePlaceListDto extends createZodDto(OrganisablePlaceListSchema) {}

/**
 * Organisers: community staff, and org admins for the activities their unit organises where it has an agreement in
 * force (the service checks the relation to the activity: its community, or its organising unit).
 */
const ORGANISERS = ['community_staff', 'org_admin'] as const;

@ApiTags('activities')
@Controller('activities')
export class ActivitiesController {
  constructor(private readonly activities: ActivitiesFacade) {}

  @ReadReplica()
  @Get()
  @Public()
  @ApiOperation({ summary: 'Volunteer activities (志愿服务活动) by community or street, upcoming or past; nearest first when lat/lng are given' })
  @ZodResponse({ type: ActivityPageDto, status: 200 })
  list(@Query() query: ActivityListQueryDto) {
    return this.activities.queries.list(query);
  }

  @Get('places')
  @Allow([...ORGANISERS])
  @ApiOperation({ summary: 'Where the caller may publish: communities they serve as staff, or covered by an agreement in force of their unit, with the commitments an activity there may deliver' })
  @ZodResponse({ type: OrganisablePlaceListDto, status: 200 })
  places(@CurrentPrincipal() principal: Principal) {
    return this.activities.commands.places(principal).then((items) => ({ items }));
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One activity with the caller’s sign-up and the actions offered to them' })
  @ZodResponse({ type: ActivityDetailDto, status: 200 })
  get(@Param('id') id: string, @CurrentPrincipal() principal?: Principal) {
    return this.activities.queries.detail(id, principal);
  }

  @Get(':id/timeline')
  @Public()
  @ApiOperation({ summary: 'Every state change of an activity (published, cancelled, ended)' })
  @ZodResponse({ type: ActivityTimelineDto, status: 200 })
  timeline(@Param('id') id: string) {
    return this.activities.timeline(id);
  }

  @Post()
  @Allow([...ORGANISERS])
  @ApiOperation({ summary: 'Publish an activity in a community the caller serves (place defaults to the community’s point and radius)' })
  @ZodResponse({ type: ActivityDetailDto, status: 201 })
  create(@Body() body: CreateActivityDto, @CurrentPrincipal() principal: Principal) {
    return this.activities.commands.publish(principal, body);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @Allow([...ORGANISERS])
  @ApiOperation({ summary: 'Cancel the activity with a reason (organiser, before its end); those signed up are told' })
  @ZodResponse({ type: ActivityDetailDto, status: 200 })
  cancel(@Param('id') id: string, @Body() body: CancelActivityDto, @CurrentPrincipal() principal: Principal) {
    return this.activities.commands.cancel(principal, id, body);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Allow([...ORGANISERS])
  @ApiOperation({ summary: 'End the activity after its end time (organiser; otherwise done when check-out closes): hours open for review' })
  @ZodResponse({ type: ActivityDetailDto, status: 200 })
  end(@Param('id') id: string, @Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    return this.activities.commands.end(principal, id);
  }

  @Post(':id/signup')
  @HttpCode(200)
  @Allow(['member'])
  @ApiOperation({ summary: 'Sign up (member; before the deadline, while places are left — never over capacity)' })
  @ZodResponse({ type: ActivityDetailDto, status: 200 })
  signup(@Param('id') id: string, @Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    return this.activities.commands.signup(principal, id);
  }

  @Post(':id/signup/cancel')
  @HttpCode(200)
  @Allow(['member'])
  @ApiOperation({ summary: 'Cancel my sign-up (until the deadline)' })
  @ZodResponse({ type: ActivityDetailDto, status: 200 })
  cancelSignup(@Param('id') id: string, @Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    return this.activities.commands.cancelSignup(principal, id);
  }

  @Get(':id/checkin-code')
  @Allow([...ORGANISERS])
  @ApiOperation({ summary: 'The rotating check-in code (organiser): a server-signed token for this 30-second window and its QR code' })
  @ZodResponse({ type: CheckinCodeDto, status: 200 })
  code(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.activities.checkins.code(principal, id);
  }

  @Post(':id/checkin')
  @HttpCode(200)
  @Allow(['member'])
  @ApiOperation({ summary: 'Check in with the scanned code and the phone’s location (code, window, time, radius, accuracy, sign-up, once)' })
  @ZodResponse({ type: ActivityDetailDto, status: 200 })
  checkin(@Param('id') id: string, @Body() body: CheckinDto, @CurrentPrincipal() principal: Principal) {
    return this.activities.checkins.checkin(principal, id, body);
  }

  @Post(':id/checkout')
  @HttpCode(200)
  @Allow(['member'])
  @ApiOperation({ summary: 'Check out the same way (from 30 minutes before the end to 2 hours after it)' })
  @ZodResponse({ type: ActivityDetailDto, status: 200 })
  checkout(@Param('id') id: string, @Body() body: CheckinDto, @CurrentPrincipal() principal: Principal) {
    return this.activities.checkins.checkout(principal, id, body);
  }

  @Get(':id/attendances')
  @Allow([...ORGANISERS])
  @ApiOperation({ summary: 'Live attendance list (organiser): sign-ups, check-ins and outs, and each attendee’s hours once it ended' })
  @ZodResponse({ type: AttendanceListDto, status: 200 })
  attendances(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.activities.attendances(principal, id);
  }

  @Post(':id/attendances/manual')
  @HttpCode(200)
  @Allow([...ORGANISERS])
  @ApiOperation({ summary: 'Record a member’s attendance by hand (no phone with them), by list or roster phone, with a reason; audited' })
  @ZodResponse({ type: AttendanceListDto, status: 200 })
  manual(@Param('id') id: string, @Body() body: ManualAttendanceDto, @CurrentPrincipal() principal: Principal) {
    return this.activities.checkins.manual(principal, id, body);
  }

  @Post(':id/hours/approve-all')
  @HttpCode(200)
  @Allow([...ORGANISERS])
  @ApiOperation({ summary: 'Approve every pending attendee who checked out (未签退 ones wait for confirmation); credits the ledger' })
  @ZodResponse({ type: ApproveAllResultDto, status: 200 })
  approveAll(@Param('id') id: string, @Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    return this.activities.hours.approveAll(principal, id);
  }

  @Post(':id/hours/:attendanceId')
  @HttpCode(200)
  @Allow([...ORGANISERS])
  @ApiOperation({ summary: 'Review one attendee’s hours: approve, confirm a missing check-out to the end, adjust or reject (with a reason)' })
  @ZodResponse({ type: AttendanceListDto, status: 200 })
  review(@Param('id') id: string, @Param('attendanceId') attendanceId: string, @Body() body: HoursReviewDto, @CurrentPrincipal() principal: Principal) {
    return this.activities.hours.review(principal, id, attendanceId, body);
  }
}

@ApiTags('activities')
@Controller('me/activities')
export class MyActivitiesController {
  constructor(private readonly activities: ActivitiesFacade) {}

  @Get()
  @Allow(['member'])
  @ApiOperation({ summary: 'My sign-ups and attendances, newest first, with their hours' })
  @ZodResponse({ type: MyActivityPageDto, status: 200 })
  mine(@Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.activities.queries.mine(principal, query);
  }
}

/** Where the URL in a check-in QR code lands outside WeChat: the H5 check-in page. Served without the /api prefix. */
@Controller('qr/a')
export class CheckinLandingController {
  @Get(':token')
  @Public()
  @ApiOperation({ summary: 'Landing for the URL in a check-in QR code: redirects browsers to the H5 check-in page' })
  land(@Param('token') token: string, @Res() reply: FastifyReply) {
    const id = token.split('.')[0] ?? '';
    return reply.redirect(`/#/packages/activities/pages/checkin/index?id=${encodeURIComponent(id)}&t=${encodeURIComponent(token)}`, 302);
  }
}
