import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authenticated, CurrentPrincipal, Public } from '../../common/access/access.decorator';
import type { Principal } from '../../common/access/principal';
import { ZodResponse } from '../../common/http/response-contract';
import { UploadResultDto } from './dto/upload.dto';
import { readImageField } from './multipart-image';
import { UploadsService, type ServedObject } from './uploads.service';
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
  @ApiOperation({
    summary: 'The uploaded image (metadata stripped)',
    description: 'Public while its target is public (a wish on the wall); otherwise only with the signed link (e, s) a detail answer gave; 404 else.',
  })
  @ApiOkResponse({ description: 'The image', content: IMAGE_CONTENT })
  async image(@Param('id') id: string, @Query() link: SignedLink, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return send(request, reply, await this.uploads.read(id, 'image', linkOf(link)));
  }

  @Get(':id/thumbnail')
  @Public()
  @ApiOperation({ summary: 'The 360 px wide JPEG thumbnail of an upload' })
  @ApiOkResponse({ description: 'JPEG thumbnail', content: { 'image/jpeg': IMAGE_CONTENT['image/jpeg'] } })
  async thumbnail(@Param('id') id: string, @Query() link: SignedLink, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return send(request, reply, await this.uploads.read(id, 'thumbnail', linkOf(link)));
  }
}

interface SignedLink {
  e?: unknown;
  s?: unknown;
}

const linkOf = (link: SignedLink) => ({ e: typeof link.e === 'string' ? link.e : undefined, s: typeof link.s === 'string' ? link.s : undefined });

/**
 * The bytes never change under an id, but whether they may be served does (a withdrawn wish's photo must stop
 * being served): caches revalidate every time (no-cache + ETag, a 304 costs no body). A photo that is not public
 * is kept by no cache at all.
 */
function send(request: FastifyRequest, reply: FastifyReply, object: ServedObject) {
  reply
    .header('Cache-Control', object.public ? 'public, no-cache' : 'private, no-store')
    .header('ETag', object.etag)
    .header('X-Content-Type-Options', 'nosniff');
  if (request.headers['if-none-match'] === object.etag) return reply.status(304).send();
  return reply.type(object.contentType).send(object.body);
}
