import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, Authenticated, CurrentPrincipal, organisationFrom } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { ZodResponse } from '../../common/http/response-contract';
import { CreateOrganisationDto, OrganisationDto, OrganisationListDto, OrganisationListQueryDto, UpdateOrganisationDto } from './dto/organisation.dto';
import { OrganisationsService, toOrganisation } from './organisations.service';

@ApiTags('organisations')
@Controller('organisations')
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get()
  @Authenticated()
  @ApiOperation({ summary: 'List organisations: roots by default, children of parentId, or every node of a level' })
  @ZodResponse({ type: OrganisationListDto, status: 200 })
  async list(@Query() query: OrganisationListQueryDto) {
    return { items: await this.organisations.list(query) };
  }

  @Get(':id')
  @Authenticated()
  @ApiOperation({ summary: 'One organisation node' })
  @ZodResponse({ type: OrganisationDto, status: 200 })
  async get(@Param('id', ParseUUIDPipe) id: string) {
    return toOrganisation(await this.organisations.require(id));
  }

  @Post()
  @Allow(['committee_admin'], organisationFrom('body', 'parentId', true))
  @ApiOperation({ summary: 'Create an organisation under a parent inside the caller’s scope' })
  @ZodResponse({ type: OrganisationDto, status: 201 })
  create(@Body() body: CreateOrganisationDto, @CurrentPrincipal() principal: Principal) {
    return this.organisations.create(body, principal.userId);
  }

  @Patch(':id')
  @Allow(['committee_admin', 'org_admin'], organisationFrom('params', 'id'))
  @ApiOperation({ summary: 'Rename an organisation' })
  @ZodResponse({ type: OrganisationDto, status: 200 })
  update(@Param('id') id: string, @Body() body: UpdateOrganisationDto, @CurrentPrincipal() principal: Principal) {
    return this.organisations.update(id, body, principal.userId);
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow(['committee_admin'], organisationFrom('params', 'id'))
  @ApiOperation({ summary: 'Delete an organisation with no children, members or other references' })
  async remove(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    await this.organisations.remove(id, principal.userId);
  }
}
