import { Controller, Get, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, CurrentPrincipal, Public } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { ZodResponse } from '../../common/http/response-contract';
import { UploadResultDto } from './dto/upload.dto';
import { readImageField } from './multipart-image';
import { UploadsService } from './uploads.service';
import { RateLimit } from '../rate-limits/rate-limit.decorator';

const IMAGE_CONTENT = {
  'image/jpeg': { schema: { type: 'string', format: 'binary' } },
  'image/png': { schema: { type: 'string', format: 'binary' } },
  'image/webp': { schema: { type: 'string', format: 'binary' } },
};

@ApiTags('uploads')
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
  @RateLimit('upload')
  @HttpCode(201)
  @Authenticated()
  @ApiOperation({
    summary: 'Upload one photo (JPEG, PNG or WebP, ≤ 5 MB, ≤ 40 megapixels)',
    description:
      'The type is read from the file content. The image is re-encoded without any metadata (EXIF/GPS removed), ' +
      'turned upright, capped at 2560 px, and gets a 360 px JPEG thumbnail. Attach it by id to a wish or project ' +
      'afterwards. 413 when too large; 415 when not a supported image; 400 when broken or too many pixels.',
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: 'JPG / PNG / WebP 图片' } } },
  })
  @ZodResponse({ type: UploadResultDto, status: 201 })
  async create(@Req() request: FastifyRequest, @CurrentPrincipal() principal: Principal) {
    return this.uploads.upload(principal.userId, await readImageField(request));
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'The uploaded image (metadata stripped)' })
  @ApiOkResponse({ description: 'The image', content: IMAGE_CONTENT })
  async image(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return send(request, reply, await this.uploads.read(id, 'image'));
  }

  @Get(':id/thumbnail')
  @Public()
  @ApiOperation({ summary: 'The 360 px wide JPEG thumbnail of an upload' })
  @ApiOkResponse({ description: 'JPEG thumbnail', content: { 'image/jpeg': IMAGE_CONTENT['image/jpeg'] } })
  async thumbnail(@Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return send(request, reply, await this.uploads.read(id, 'thumbnail'));
  }
}

/** An upload never changes under its id, so caches may keep it forever. */
function send(request: FastifyRequest, reply: FastifyReply, object: { body: Buffer; contentType: string; etag: string }) {
  reply.header('Cache-Control', 'public, max-age=31536000, immutable').header('ETag', object.etag).header('X-Content-Type-Options', 'nosniff');
  if (request.headers['if-none-match'] === object.etag) return reply.status(304).send();
  return reply.type(object.contentType).send(object.body);
}
