import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CreatePostSchema,
  LogShiftSchema,
  MyPostsSchema,
  PostHoldingSchema,
  PostListQuerySchema,
  RejectShiftSchema,
  ReleaseHoldingSchema,
  ServicePostDetailSchema,
  ServicePostPageSchema,
  ShiftListQuerySchema,
  ShiftPageSchema,
  ShiftSchema,
  TakePostSchema,
  UpdatePostSchema,
} from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';
import { Allow, Authenticated, CurrentPrincipal, Public } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { EmptyBodyDto, PageQueryDto } from '../../common/dto/common.dto';
import { ZodResponse } from '../../common/http/response-contract';
import { REGISTRATION_VIEWER_ROLES } from '../registrations/registrations.service';
import { PostsService } from './posts.service';
import { ShiftsService } from './shifts.service';
import { ReadReplica } from '../../common/database/read-replicas';

class ServicePostPageDto extends createZodDto(ServicePostPageSchema) {}
class ServicePostDetailDto extends createZodDto(ServicePostDetailSchema) {}
class PostListQueryDto extends createZodDto(PostListQuerySchema) {}
class CreatePostDto extends createZodDto(CreatePostSchema) {}
class UpdatePostDto extends createZodDto(UpdatePostSchema) {}
class TakePostDto extends createZodDto(TakePostSchema) {}
class MyPostsDto extends createZodDto(MyPostsSchema) {}
class PostHoldingDto extends createZodDto(PostHoldingSchema) {}
class ReleaseHoldingDto extends createZodDto(ReleaseHoldingSchema) {}
class LogShiftDto extends createZodDto(LogShiftSchema) {}
class ShiftDto extends createZodDto(ShiftSchema) {}
class ShiftPageDto extends createZodDto(ShiftPageSchema) {}
class ShiftListQueryDto extends createZodDto(ShiftListQuerySchema) {}
class RejectShiftDto extends createZodDto(RejectShiftSchema) {}

@ApiTags('service posts')
@Controller('posts')
export class PostsController {
  constructor(private readonly posts: PostsService) {}

  @ReadReplica()
  @Get()
  @Public()
  @ApiOperation({ summary: 'Service posts (党员服务岗位) of a community or a street, with places taken and the caller’s offered actions' })
  @ZodResponse({ type: ServicePostPageDto, status: 200 })
  list(@Query() query: PostListQueryDto, @CurrentPrincipal() principal?: Principal) {
    return this.posts.list(principal, query);
  }

  @Post()
  @Allow(['community_staff'])
  @ApiOperation({ summary: 'Community staff: publish a standing post with a description and a number of places' })
  @ZodResponse({ type: ServicePostDetailDto, status: 201 })
  publish(@Body() body: CreatePostDto, @CurrentPrincipal() principal: Principal) {
    return this.posts.publish(principal, body);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One post with its holders (names in full for the community’s staff, masked for others)' })
  @ZodResponse({ type: ServicePostDetailDto, status: 200 })
  get(@Param('id') id: string, @CurrentPrincipal() principal?: Principal) {
    return this.posts.get(principal, id);
  }

  @Patch(':id')
  @Allow(['community_staff'])
  @ApiOperation({ summary: 'Community staff: edit a post’s name, description or places (never below the places taken)' })
  @ZodResponse({ type: ServicePostDetailDto, status: 200 })
  update(@Param('id') id: string, @Body() body: UpdatePostDto, @CurrentPrincipal() principal: Principal) {
    return this.posts.update(principal, id, body);
  }

  @Post(':id/take')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: '认岗 for a year: a member registered with the community, or an org admin with memberId for a member of the unit' })
  @ZodResponse({ type: ServicePostDetailDto, status: 200 })
  take(@Param('id') id: string, @Body() body: TakePostDto, @CurrentPrincipal() principal: Principal) {
    return this.posts.take(principal, id, body.memberId);
  }
}

@ApiTags('service posts')
@Controller('post-holdings')
export class PostHoldingsController {
  constructor(
    private readonly posts: PostsService,
    private readonly shifts: ShiftsService,
  ) {}

  @Get('mine')
  @Authenticated()
  @ApiOperation({ summary: 'Member: my post (active holding) and the ones before, with shift counts' })
  @ZodResponse({ type: MyPostsDto, status: 200 })
  mine(@CurrentPrincipal() principal: Principal) {
    return this.posts.mine(principal);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'One holding: the holder, the org admin of their unit, or the community’s staff' })
  @ZodResponse({ type: PostHoldingDto, status: 200 })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.posts.holding(principal, id);
  }

  @Post(':id/release')
  @HttpCode(200)
  @Authenticated()
  @ApiOperation({ summary: 'Leave the post early (the holder, or the org admin of their unit); the place is free again' })
  @ZodResponse({ type: PostHoldingDto, status: 200 })
  release(@Param('id') id: string, @Body() body: ReleaseHoldingDto, @CurrentPrincipal() principal: Principal) {
    return this.posts.release(principal, id, body.reason ?? null);
  }

  @Post(':id/shifts')
  @Authenticated()
  @ApiOperation({ summary: 'The holder logs a shift: date (within 30 days), minutes 1–720 (a day at most 720), what was done, photos' })
  @ZodResponse({ type: ShiftDto, status: 201 })
  log(@Param('id') id: string, @Body() body: LogShiftDto, @CurrentPrincipal() principal: Principal) {
    return this.shifts.log(principal, id, body);
  }
}

@ApiTags('service posts')
@Controller('post-shifts')
export class PostShiftsController {
  constructor(private readonly shifts: ShiftsService) {}

  @Get()
  @Allow(REGISTRATION_VIEWER_ROLES)
  @ApiOperation({ summary: 'Staff: shifts waiting for confirmation (status=pending, oldest first) or decided, in my communities' })
  @ZodResponse({ type: ShiftPageDto, status: 200 })
  list(@Query() query: ShiftListQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.shifts.list(principal, query);
  }

  @Get('mine')
  @Authenticated()
  @ApiOperation({ summary: 'Member: my shifts, newest day first' })
  @ZodResponse({ type: ShiftPageDto, status: 200 })
  mine(@Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.shifts.mine(principal, query.page, query.pageSize);
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'One shift: its member or the community’s staff' })
  @ZodResponse({ type: ShiftDto, status: 200 })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.shifts.get(principal, id);
  }

  @Post(':id/confirm')
  @HttpCode(200)
  @Allow(['community_staff'])
  @ApiOperation({ summary: 'Community staff: confirm the shift (credited to the member’s ledger, exactly once)' })
  @ZodResponse({ type: ShiftDto, status: 200 })
  confirm(@Param('id') id: string, @Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    return this.shifts.confirm(principal, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Allow(['community_staff'])
  @ApiOperation({ summary: 'Community staff: reject the shift with a reason' })
  @ZodResponse({ type: ShiftDto, status: 200 })
  reject(@Param('id') id: string, @Body() body: RejectShiftDto, @CurrentPrincipal() principal: Principal) {
    return this.shifts.reject(principal, id, body.reason);
  }
}
