import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { NotificationPageSchema } from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';
import { Authenticated, CurrentPrincipal } from '../../common/access/access.decorator';
import { EmptyBodyDto, PageQueryDto } from '../../common/dto/common.dto';
import type { Principal } from '../../common/access/principal';
import { ZodResponse } from '../../common/http/response-contract';
import { NotificationsService } from './notifications.service';

class NotificationPageDto extends createZodDto(NotificationPageSchema) {}

@ApiTags('notifications')
@Controller('me/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'My in-app messages, newest first, with the unread count' })
  @ZodResponse({ type: NotificationPageDto, status: 200 })
  list(@Query() query: PageQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.notifications.list(principal.userId, query.page, query.pageSize);
  }

  @Post('read-all')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'Mark all my messages read' })
  async readAll(@Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    await this.notifications.markAllRead(principal.userId);
  }

  @Post(':id/read')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'Mark one of my messages read' })
  async read(@Param('id') id: string, @Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    await this.notifications.markRead(principal.userId, id);
  }
}
