import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal } from '../../common/access/access.decorator';
import { AccessService } from '../../common/access/access.service';
import type { Principal } from '../../common/access/principal';
import { AppException } from '../../common/errors/app.exception';
import { ZodResponse } from '../../common/http/response-contract';
import { GrantRoleDto, RoleHolderDto, RoleHolderListDto, RoleHolderQueryDto } from './dto/user.dto';
import { RoleAssignmentsService } from './role-assignments.service';
import { RateLimit } from '../rate-limits/rate-limit.decorator';

const ADMINS = ['committee_admin', 'street_official', 'org_admin'] as const;

/** Appointing staff, officials, secretaries and admins; each rule is checked against the node in the service. */
@ApiTags('role-assignments')
@Controller('role-assignments')
export class RoleAssignmentsController {
  constructor(
    private readonly assignments: RoleAssignmentsService,
    private readonly access: AccessService,
  ) {}

  @Get()
  @Allow([...ADMINS])
  @ApiOperation({ summary: 'Who holds which role on one region or organisation node (phones masked)' })
  @ZodResponse({ type: RoleHolderListDto, status: 200 })
  async list(@Query() query: RoleHolderQueryDto, @CurrentPrincipal() principal: Principal) {
    const kind = query.regionId ? 'region' : 'organisation';
    const ref = query.regionId ?? query.organisationId;
    if (!ref) throw AppException.badRequest('请指定 regionId 或 organisationId');
    const node = await this.assignments.findNode(kind, ref);
    if (!node) throw AppException.notFound(kind === 'region' ? '区域不存在' : '组织不存在');
    this.access.require(principal, ADMINS, node);
    return { items: await this.assignments.holders(query) };
  }

  @Post()
  @RateLimit('role_grant')
  @Allow([...ADMINS])
  @ApiOperation({ summary: 'Grant a scoped role to a user found by their bound phone' })
  @ZodResponse({ type: RoleHolderDto, status: 201 })
  grant(@Body() body: GrantRoleDto, @CurrentPrincipal() principal: Principal) {
    return this.assignments.grant(principal, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow([...ADMINS])
  @ApiOperation({ summary: 'Revoke a role assignment inside the caller’s scope' })
  async revoke(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    await this.assignments.revoke(principal, id);
  }
}
