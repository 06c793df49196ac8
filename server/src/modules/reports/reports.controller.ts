import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ApproveReportSchema,
  AssessInputSchema,
  CreateReportSchema,
  LateListSchema,
  LateQuerySchema,
  ReportDueSchema,
  ReportListQuerySchema,
  ReportPageSchema,
  ReportSchema,
  ReturnReportSchema,
  ServedMemberSchema,
  ServedPageSchema,
  ServedQuerySchema,
  UpdateReportSchema,
} from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';
import { Allow, Authenticated, CurrentPrincipal } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { EmptyBodyDto } from '../../common/dto/common.dto';
import { ZodResponse } from '../../common/http/response-contract';
import { AssessmentsService } from './assessments.service';
import { ReportsService } from './reports.service';

class CreateReportDto extends createZodDto(CreateReportSchema) {}
class UpdateReportDto extends createZodDto(UpdateReportSchema) {}
class ApproveReportDto extends createZodDto(ApproveReportSchema) {}
class ReturnReportDto extends createZodDto(ReturnReportSchema) {}
class ReportDto extends createZodDto(ReportSchema) {}
class ReportPageDto extends createZodDto(ReportPageSchema) {}
class ReportListQueryDto extends createZodDto(ReportListQuerySchema) {}
class ReportDueDto extends createZodDto(ReportDueSchema) {}
class LateQueryDto extends createZodDto(LateQuerySchema) {}
class LateListDto extends createZodDto(LateListSchema) {}
class ServedQueryDto extends createZodDto(ServedQuerySchema) {}
class ServedPageDto extends createZodDto(ServedPageSchema) {}
class ServedMemberDto extends createZodDto(ServedMemberSchema) {}
class AssessInputDto extends createZodDto(AssessInputSchema) {}

const REVIEWERS = ['branch_secretary', 'org_admin', 'committee_admin'] as const;

@ApiTags('reports')
@Controller()
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly assessments: AssessmentsService,
  ) {}

  // ---------- the member ----------

  @Get('me/reports')
  @Authenticated()
  @ApiOperation({ summary: 'My half-year reports, newest period first (empty for a non-member)' })
  @ZodResponse({ type: ReportPageDto, status: 200 })
  mine(@CurrentPrincipal() principal: Principal) {
    return this.reports.mine(principal);
  }

  @Get('me/reports/due')
  @Authenticated()
  @ApiOperation({ summary: 'What is due: the previous and the current half year with deadline, days left, state and lateness' })
  @ZodResponse({ type: ReportDueDto, status: 200 })
  due(@CurrentPrincipal() principal: Principal) {
    return this.reports.due(principal);
  }

  @Post('me/reports')
  @Allow(['member'])
  @ApiOperation({ summary: 'Start my report for a half year that has begun: a draft prefilled from my ledger (409 if it exists)' })
  @ZodResponse({ type: ReportDto, status: 201 })
  create(@Body() body: CreateReportDto, @CurrentPrincipal() principal: Principal) {
    return this.reports.create(principal, body.period);
  }

  // ---------- one report ----------

  @Get('reports/:id')
  @Authenticated()
  @ApiOperation({ summary: 'A report with every version, comment and timeline entry (author, branch secretary, admins above); reviewers also see the streets’ assessments' })
  @ZodResponse({ type: ReportDto, status: 200 })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.reports.get(principal, id);
  }

  @Patch('reports/:id')
  @Allow(['member'])
  @ApiOperation({ summary: 'Save the summary (≤ 2,000 characters) and photos of my draft or returned report' })
  @ZodResponse({ type: ReportDto, status: 200 })
  update(@Param('id') id: string, @Body() body: UpdateReportDto, @CurrentPrincipal() principal: Principal) {
    return this.reports.update(principal, id, body);
  }

  @Post('reports/:id/refresh')
  @HttpCode(200)
  @Allow(['member'])
  @ApiOperation({ summary: 'Take the figures from my ledger again (draft or returned)' })
  @ZodResponse({ type: ReportDto, status: 200 })
  refresh(@Param('id') id: string, @Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    return this.reports.refresh(principal, id);
  }

  @Post('reports/:id/submit')
  @HttpCode(200)
  @Allow(['member'])
  @ApiOperation({ summary: 'Submit (or resubmit): the ledger figures are snapshotted into a new version; the branch secretary is told' })
  @ZodResponse({ type: ReportDto, status: 200 })
  submit(@Param('id') id: string, @Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    return this.reports.submit(principal, id);
  }

  @Post('reports/:id/approve')
  @HttpCode(200)
  @Allow(['branch_secretary'])
  @ApiOperation({ summary: 'The member’s branch secretary approves a submitted report (optional comment)' })
  @ZodResponse({ type: ReportDto, status: 200 })
  approve(@Param('id') id: string, @Body() body: ApproveReportDto, @CurrentPrincipal() principal: Principal) {
    return this.reports.approve(principal, id, body.comment);
  }

  @Post('reports/:id/return')
  @HttpCode(200)
  @Allow(['branch_secretary'])
  @ApiOperation({ summary: 'The member’s branch secretary returns a submitted report with comments' })
  @ZodResponse({ type: ReportDto, status: 200 })
  return(@Param('id') id: string, @Body() body: ReturnReportDto, @CurrentPrincipal() principal: Principal) {
    return this.reports.return(principal, id, body.comment);
  }

  // ---------- the organisational line ----------

  @Get('reports')
  @Allow([...REVIEWERS])
  @ApiOperation({ summary: 'Reports in my branches (or units): the review queue with status=submitted, each with the streets’ assessments' })
  @ZodResponse({ type: ReportPageDto, status: 200 })
  list(@Query() query: ReportListQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.reports.list(principal, query);
  }

  @Get('reports/late')
  @Allow([...REVIEWERS])
  @ApiOperation({ summary: 'Late list of a branch for a half year (default: my branch, the previous half year)' })
  @ZodResponse({ type: LateListDto, status: 200 })
  late(@Query() query: LateQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.reports.late(principal, query);
  }

  // ---------- the territorial line ----------

  @Get('reports/served')
  @Allow(['street_official', 'community_staff'])
  @ApiOperation({ summary: 'Members who served in my streets or communities in a half year (from the ledger), with their report state and assessments' })
  @ZodResponse({ type: ServedPageDto, status: 200 })
  served(@Query() query: ServedQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.assessments.served(principal, query);
  }

  @Put('reports/assessments')
  @Allow(['street_official', 'community_staff'])
  @ApiOperation({ summary: 'Assess (or revise) a member who served here: 优秀/良好/一般/较差 + comment, one per my scope, member and half year; audited' })
  @ZodResponse({ type: ServedMemberDto, status: 200 })
  assess(@Body() body: AssessInputDto, @CurrentPrincipal() principal: Principal) {
    return this.assessments.assess(principal, body);
  }
}
