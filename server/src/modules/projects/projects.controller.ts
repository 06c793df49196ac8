import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClaimProjectSchema, CreateProjectSchema, ProjectListQuerySchema, ProjectPageSchema, ProjectSchema, ProjectUpdateInputSchema, TimelineSchema } from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';
import { Allow, CurrentPrincipal, Public } from '../../common/access/access.decorator';
import { EmptyBodyDto } from '../../common/dto/common.dto';
import type { Principal } from '../../common/access/principal';
import { ZodResponse } from '../../common/http/response-contract';
import { ProjectsService } from './projects.service';
import { ReadReplica } from '../../common/database/read-replicas';

class CreateProjectDto extends createZodDto(CreateProjectSchema) {}
class ProjectListQueryDto extends createZodDto(ProjectListQuerySchema) {}
class ProjectPageDto extends createZodDto(ProjectPageSchema) {}
class ProjectDto extends createZodDto(ProjectSchema) {}
class ClaimProjectDto extends createZodDto(ClaimProjectSchema) {}
class ProjectUpdateInputDto extends createZodDto(ProjectUpdateInputSchema) {}
class ProjectTimelineDto extends createZodDto(TimelineSchema) {}

@ApiTags('projects')
@Controller('projects')
export class ProjectsController {
  constructor(private readonly projects: ProjectsService) {}

  @ReadReplica()
  @Get()
  @Public()
  @ApiOperation({ summary: 'Livelihood projects (民生实事) by street or community, newest first' })
  @ZodResponse({ type: ProjectPageDto, status: 200 })
  list(@Query() query: ProjectListQueryDto, @CurrentPrincipal() principal?: Principal) {
    return this.projects.list(query, principal);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One livelihood project with its progress updates' })
  @ZodResponse({ type: ProjectDto, status: 200 })
  get(@Param('id') id: string, @CurrentPrincipal() principal?: Principal) {
    return this.projects.get(id, principal);
  }

  @Get(':id/timeline')
  @Public()
  @ApiOperation({ summary: 'Every state change of a project: actor, role, time, from → to, note' })
  @ZodResponse({ type: ProjectTimelineDto, status: 200 })
  timeline(@Param('id') id: string) {
    return this.projects.timeline(id);
  }

  @Post()
  @Allow(['community_staff', 'street_official', 'committee_admin'])
  @ApiOperation({ summary: 'Post a project for a community or a street (its staff or street official)' })
  @ZodResponse({ type: ProjectDto, status: 201 })
  create(@Body() body: CreateProjectDto, @CurrentPrincipal() principal: Principal) {
    return this.projects.create(principal, body);
  }

  @Post(':id/claim')
  @HttpCode(200)
  @Allow(['org_admin', 'branch_secretary'])
  @ApiOperation({ summary: 'An organisation claims the project (its org admin, or a branch secretary for 一支部一实事)' })
  @ZodResponse({ type: ProjectDto, status: 200 })
  claim(@Param('id') id: string, @Body() body: ClaimProjectDto, @CurrentPrincipal() principal: Principal) {
    return this.projects.claim(principal, id, body.organisationId);
  }

  @Post(':id/updates')
  @Allow(['org_admin', 'branch_secretary'])
  @ApiOperation({ summary: 'Report progress: percentage, note and photos (credits the organisation’s ledger)' })
  @ZodResponse({ type: ProjectDto, status: 201 })
  update(@Param('id') id: string, @Body() body: ProjectUpdateInputDto, @CurrentPrincipal() principal: Principal) {
    return this.projects.addUpdate(principal, id, body);
  }

  @Post(':id/complete')
  @HttpCode(200)
  @Allow(['org_admin', 'branch_secretary'])
  @ApiOperation({ summary: 'The claiming organisation marks the project complete' })
  @ZodResponse({ type: ProjectDto, status: 200 })
  complete(@Param('id') id: string, @Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    return this.projects.complete(principal, id);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Allow(['street_official', 'committee_admin'])
  @ApiOperation({ summary: 'The street verifies a completed project' })
  @ZodResponse({ type: ProjectDto, status: 200 })
  verify(@Param('id') id: string, @Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    return this.projects.verify(principal, id);
  }
}
