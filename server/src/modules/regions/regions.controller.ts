import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Allow, CurrentPrincipal, Public, regionFrom } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { ZodResponse } from '../../common/http/response-contract';
import { CreateRegionDto, RegionDto, RegionListDto, RegionListQueryDto, UpdateRegionDto } from './dto/region.dto';
import { RegionsService } from './regions.service';

@ApiTags('regions')
@Controller('regions')
export class RegionsController {
  constructor(private readonly regions: RegionsService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'List regions: roots by default, children of parentId, or every node of a level' })
  @ZodResponse({ type: RegionListDto, status: 200 })
  async list(@Query() query: RegionListQueryDto) {
    return { items: await this.regions.list(query) };
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One region node' })
  @ZodResponse({ type: RegionDto, status: 200 })
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.regions.get(id);
  }

  @Post()
  @Allow(['committee_admin'], regionFrom('body', 'parentId', true))
  @ApiOperation({ summary: 'Create a region under a parent inside the caller’s scope (a root city: system admin only)' })
  @ZodResponse({ type: RegionDto, status: 201 })
  create(@Body() body: CreateRegionDto, @CurrentPrincipal() principal: Principal) {
    return this.regions.create(body, principal.userId);
  }

  @Patch(':id')
  @Allow(['committee_admin'], regionFrom('params', 'id'))
  @ApiOperation({ summary: 'Rename a region or change a community’s code, address, map point or check-in radius' })
  @ZodResponse({ type: RegionDto, status: 200 })
  update(@Param('id') id: string, @Body() body: UpdateRegionDto, @CurrentPrincipal() principal: Principal) {
    return this.regions.update(id, body, principal.userId);
  }

  @Delete(':id')
  @HttpCode(204)
  @Allow(['committee_admin'], regionFrom('params', 'id'))
  @ApiOperation({ summary: 'Delete a region with no children and nothing referring to it' })
  async remove(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    await this.regions.remove(id, principal.userId);
  }
}
