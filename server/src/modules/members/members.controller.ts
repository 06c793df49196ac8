import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { RosterImportSchema } from '@nuancheng/shared';
import { Allow, CurrentPrincipal, organisationFrom } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { AppException } from '../../common/errors/app.exception';
import { ZodResponse } from '../../common/http/response-contract';
import { MemberListDto, RosterImportResultDto } from './dto/member.dto';
import { MembersService } from './members.service';
import { readRosterXlsx } from './roster-xlsx';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('members')
@Controller('organisations/:organisationId/members')
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @Allow(['org_admin', 'branch_secretary', 'committee_admin'], organisationFrom('params', 'organisationId'))
  @ApiOperation({ summary: 'The member roster of an organisation subtree (phones masked)' })
  @ZodResponse({ type: MemberListDto, status: 200 })
  async list(@Param('organisationId') organisationId: string) {
    return { items: await this.members.list(organisationId) };
  }

  @Post('import')
  @HttpCode(200)
  @Allow(['org_admin', 'committee_admin'], organisationFrom('params', 'organisationId'))
  @ApiOperation({
    summary: 'Import members (name, phone, branch, residence community code) as JSON rows or an .xlsx file',
    description: 'All or nothing: any invalid row → 422 with `details` listing every row error, and nothing is imported.',
  })
  @ApiConsumes('application/json', 'multipart/form-data')
  @ApiBody({
    schema: {
      oneOf: [
        {
          type: 'object',
          required: ['rows'],
          properties: {
            rows: {
              type: 'array',
              items: {
                type: 'object',
                properties: { name: { type: 'string' }, phone: { type: 'string' }, branch: { type: 'string' }, communityCode: { type: 'string' } },
              },
            },
          },
        },
        { type: 'object', properties: { file: { type: 'string', format: 'binary', description: '.xlsx: 姓名 | 手机号 | 党支部 | 居住社区编码' } } },
      ],
    },
  })
  @ZodResponse({ type: RosterImportResultDto, status: 200 })
  async import(@Param('organisationId') organisationId: string, @Req() request: FastifyRequest, @CurrentPrincipal() principal: Principal) {
    const options = { organisationId, actorId: principal.userId };
    if (request.isMultipart()) {
      const file = await request.file();
      if (!file) throw AppException.badRequest('请选择要导入的 Excel 文件');
      const buffer = await file.toBuffer();
      if (file.mimetype !== XLSX_MIME && !file.filename.toLowerCase().endsWith('.xlsx')) {
        throw AppException.badRequest('请上传 .xlsx 格式的 Excel 表格');
      }
      return this.members.importRoster(await readRosterXlsx(buffer), { ...options, firstRowNumber: 2 });
    }
    const parsed = RosterImportSchema.safeParse(request.body);
    if (!parsed.success) throw AppException.badRequest(`请求参数有误：${parsed.error.issues[0]?.message ?? '缺少 rows'}`);
    return this.members.importRoster(parsed.data.rows, { ...options, firstRowNumber: 1 });
  }
}
