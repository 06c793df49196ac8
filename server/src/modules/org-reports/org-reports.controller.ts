import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  AgreementAssessmentsQuerySchema,
  AgreementAssessmentsSchema,
  ApproveOrgReportSchema,
  AssessAgreementSchema,
  CreateOrgReportSchema,
  OrgReportListQuerySchema,
  OrgReportPageSchema,
  OrgReportSchema,
  ReturnOrgReportSchema,
  UpdateOrgReportSchema,
} from '@nuancheng/shared';
import { createZodDto } from 'nestjs-zod';
import { Allow, CurrentPrincipal } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { EmptyBodyDto } from '../../common/dto/common.dto';
import { ZodResponse } from '../../common/http/response-contract';
import { OrgReportsService } from './org-reports.service';

class CreateOrgReportDto extends createZodDto(CreateOrgReportSchema) {}
class UpdateOrgReportDto extends createZodDto(UpdateOrgReportSchema) {}
class ApproveOrgReportDto extends createZodDto(ApproveOrgReportSchema) {}
class ReturnOrgReportDto extends createZodDto(ReturnOrgReportSchema) {}
class OrgReportDto extends createZodDto(OrgReportSchema) {}
class OrgReportPageDto extends createZodDto(OrgReportPageSchema) {}
class OrgReportListQueryDto extends createZodDto(OrgReportListQuerySchema) {}
class AgreementAssessmentsQueryDto extends createZodDto(AgreementAssessmentsQuerySchema) {}
class AgreementAssessmentsDto extends createZodDto(AgreementAssessmentsSchema) {}
class AssessAgreementDto extends createZodDto(AssessAgreementSchema) {}

const READERS = ['org_admin', 'committee_admin'] as const;

@ApiTags('org-reports')
@Controller()
export class OrgReportsController {
  constructor(private readonly reports: OrgReportsService) {}

  @Get('org-reports')
  @Allow([...READERS])
  @ApiOperation({ summary: 'Annual reports of my units (org admin), or of the units under my committee (the review queue with status=submitted)' })
  @ZodResponse({ type: OrgReportPageDto, status: 200 })
  list(@Query() query: OrgReportListQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.reports.list(principal, query);
  }

  @Post('org-reports')
  @Allow(['org_admin'])
  @ApiOperation({ summary: 'Start my unit’s annual report for a year that has begun: a draft prefilled from the unit’s data (409 ORG_REPORT_EXISTS if it exists)' })
  @ZodResponse({ type: OrgReportDto, status: 201 })
  create(@Body() body: CreateOrgReportDto, @CurrentPrincipal() principal: Principal) {
    return this.reports.create(principal, body);
  }

  @Get('org-reports/:id')
  @Allow([...READERS])
  @ApiOperation({ summary: 'An annual report with every version, comment, timeline entry and the paired streets’ assessments of its agreements' })
  @ZodResponse({ type: OrgReportDto, status: 200 })
  get(@Param('id') id: string, @CurrentPrincipal() principal: Principal) {
    return this.reports.get(principal, id);
  }

  @Patch('org-reports/:id')
  @Allow(['org_admin'])
  @ApiOperation({ summary: 'Save the summary (≤ 2,000 characters) of my unit’s draft or returned annual report' })
  @ZodResponse({ type: OrgReportDto, status: 200 })
  update(@Param('id') id: string, @Body() body: UpdateOrgReportDto, @CurrentPrincipal() principal: Principal) {
    return this.reports.update(principal, id, body.summary);
  }

  @Post('org-reports/:id/refresh')
  @HttpCode(200)
  @Allow(['org_admin'])
  @ApiOperation({ summary: 'Take the figures from the unit’s data again (draft or returned)' })
  @ZodResponse({ type: OrgReportDto, status: 200 })
  refresh(@Param('id') id: string, @Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    return this.reports.refresh(principal, id);
  }

  @Post('org-reports/:id/submit')
  @HttpCode(200)
  @Allow(['org_admin'])
  @ApiOperation({ summary: 'Submit (or resubmit) to the work committee: the figures are snapshotted into a new version' })
  @ZodResponse({ type: OrgReportDto, status: 200 })
  submit(@Param('id') id: string, @Body() _body: EmptyBodyDto, @CurrentPrincipal() principal: Principal) {
    return this.reports.submit(principal, id);
  }

  @Post('org-reports/:id/approve')
  @HttpCode(200)
  @Allow(['committee_admin'])
  @ApiOperation({ summary: 'A committee admin over the unit approves a submitted annual report (optional comment)' })
  @ZodResponse({ type: OrgReportDto, status: 200 })
  approve(@Param('id') id: string, @Body() body: ApproveOrgReportDto, @CurrentPrincipal() principal: Principal) {
    return this.reports.approve(principal, id, body.comment);
  }

  @Post('org-reports/:id/return')
  @HttpCode(200)
  @Allow(['committee_admin'])
  @ApiOperation({ summary: 'A committee admin over the unit returns a submitted annual report with comments' })
  @ZodResponse({ type: OrgReportDto, status: 200 })
  return(@Param('id') id: string, @Body() body: ReturnOrgReportDto, @CurrentPrincipal() principal: Principal) {
    return this.reports.return(principal, id, body.comment);
  }

  @Get('agreements/:id/assessments')
  @Allow(['street_official', 'org_admin', 'committee_admin'])
  @ApiOperation({ summary: 'The paired streets’ assessments of an agreement for a year (default: this year), and whether I may assess it' })
  @ZodResponse({ type: AgreementAssessmentsDto, status: 200 })
  assessments(@Param('id') id: string, @Query() query: AgreementAssessmentsQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.reports.assessmentsOfAgreement(principal, id, query.year);
  }

  @Put('agreements/:id/assessment')
  @Allow(['street_official'])
  @ApiOperation({ summary: 'The street official of the agreement’s street assesses it for a year: 优秀/良好/一般/较差 + comment (a revision replaces it)' })
  @ZodResponse({ type: AgreementAssessmentsDto, status: 200 })
  assess(@Param('id') id: string, @Body() body: AssessAgreementDto, @CurrentPrincipal() principal: Principal) {
    return this.reports.assess(principal, id, body);
  }
}
