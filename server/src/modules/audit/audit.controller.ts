import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditPageSchema, AuditQuerySchema } from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';
import { Allow, CurrentPrincipal } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { ZodResponse } from '../../common/http/response-contract';
import { AuditSearchService } from './audit-search.service';

class AuditQueryDto extends createZodDto(AuditQuerySchema) {}
class AuditPageDto extends createZodDto(AuditPageSchema) {}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly search: AuditSearchService) {}

  @Get()
  @Allow(['committee_admin'])
  @ApiOperation({ summary: 'Search the audit log (city-level committee admins): by actor, target, action and time, newest first' })
  @ZodResponse({ type: AuditPageDto, status: 200 })
  list(@Query() query: AuditQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.search.search(principal, query);
  }
}
