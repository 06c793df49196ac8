import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReasonSchema } from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';
import { Allow, CurrentPrincipal } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { UsersService } from './users.service';

class DisableReasonDto extends createZodDto(ReasonSchema) {}

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post(':id/disable')
  @HttpCode(204)
  @Allow(['system_admin'])
  @ApiOperation({ summary: 'System admin: disable a user with a reason; every session of theirs ends at once (audited)' })
  async disable(@Param('id') id: string, @Body() body: DisableReasonDto, @CurrentPrincipal() principal: Principal) {
    await this.users.disable(principal, id, body.reason);
  }
}
