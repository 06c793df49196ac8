import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { LedgerCorrectionSchema, LedgerPageSchema, LedgerQuerySchema } from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';
import { z } from 'zod';
import { Allow, Authenticated, CurrentPrincipal } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { ZodResponse } from '../../common/http/response-contract';
import { LedgerService } from './ledger.service';

class LedgerQueryDto extends createZodDto(LedgerQuerySchema) {}
class LedgerPageDto extends createZodDto(LedgerPageSchema) {}
class LedgerCorrectionDto extends createZodDto(LedgerCorrectionSchema) {}
class CorrectionResultDto extends createZodDto(z.object({ id: z.string() })) {}

@ApiTags('ledger')
@Controller()
export class LedgerController {
  constructor(private readonly ledger: LedgerService) {}

  @Get('me/ledger')
  @Authenticated()
  @ApiOperation({ summary: 'My service ledger for a period (default: this half year): entries, newest first, and totals by kind' })
  @ZodResponse({ type: LedgerPageDto, status: 200 })
  mine(@Query() query: LedgerQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.ledger.mine(principal, query);
  }

  @Get('members/:memberId/ledger')
  @Allow(['branch_secretary', 'org_admin', 'street_official'])
  @ApiOperation({ summary: 'A member’s ledger for their branch secretary (or a street official where they served: those streets only)' })
  @ZodResponse({ type: LedgerPageDto, status: 200 })
  ofMember(@Param('memberId') memberId: string, @Query() query: LedgerQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.ledger.ofMember(principal, memberId, query);
  }

  @Post('ledger/:entryId/corrections')
  @HttpCode(201)
  @Allow(['branch_secretary', 'org_admin', 'community_staff'])
  @ApiOperation({ summary: 'Correct an entry with a reason: a negating entry in its period (branch secretary; org admin for a unit’s entries; the organiser for activity hours); audited' })
  @ZodResponse({ type: CorrectionResultDto, status: 201 })
  async correct(@Param('entryId') entryId: string, @Body() body: LedgerCorrectionDto, @CurrentPrincipal() principal: Principal) {
    return { id: await this.ledger.correct(principal, entryId, body.reason) };
  }
}
