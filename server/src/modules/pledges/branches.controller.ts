import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { ZodResponse } from '../../common/http/response-contract';
import { BranchesService } from './branches.service';
import { BranchesWithoutProjectPageDto, BranchesWithoutProjectQueryDto, BranchPageDto, YearQueryDto } from './dto/pledge.dto';

/** 一支部一实事. The scope is checked by the service: committee admins' region scopes map to branches there. */
@ApiTags('branches')
@Controller('branches')
export class BranchesController {
  constructor(private readonly branches: BranchesService) {}

  @Get('without-project')
  @Allow(['committee_admin'])
  @ApiOperation({ summary: 'Committee admins: branches under their scope with no livelihood project claimed in the year' })
  @ZodResponse({ type: BranchesWithoutProjectPageDto, status: 200 })
  withoutProject(@Query() query: BranchesWithoutProjectQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.branches.withoutProject(principal, query);
  }

  @Get(':id')
  @Allow(['branch_secretary', 'org_admin', 'committee_admin'])
  @ApiOperation({ summary: 'A branch’s page: its livelihood projects of the year and its members’ pledges by state (its secretary, org admins above it, committee admins)' })
  @ZodResponse({ type: BranchPageDto, status: 200 })
  page(@Param('id') id: string, @Query() query: YearQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.branches.page(principal, id, query.year);
  }
}
