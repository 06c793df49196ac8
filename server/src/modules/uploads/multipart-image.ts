import { HttpStatus } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppException, ErrorCode } from '../../common/errors/app.exception';
import { MAX_IMAGE_BYTES } from './image-processing';

/**
 * The bytes of the multipart field `file`, at most MAX_IMAGE_BYTES. The size limit is enforced while
 * streaming (nothing larger is buffered) and turned into a 413 with a message a person can act on instead
 * of the multipart plugin's generic error.
 */
export async function readImageField(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart()) throw AppException.badRequest('请以 multipart/form-data 上传图片，字段名为 file', ErrorCode.UploadInvalid);
  try {
    const part = await request.file({ limits: { fileSize: MAX_IMAGE_BYTES, files: 1, fields: 5 }, throwFileSizeLimit: true });
    if (!part || part.fieldname !== 'file') throw AppException.badRequest('请选择要上传的图片（字段名为 file）', ErrorCode.UploadInvalid);
    const bytes = await part.toBuffer();
    // The plugin's own size error can be missed when the limit falls on the last chunk; the stream still says.
    if (part.file.truncated) throw tooLarge();
    if (bytes.length === 0) throw AppException.badRequest('图片是空的，请重新选择', ErrorCode.UploadInvalid);
    return bytes;
  } catch (error) {
    if (error instanceof AppException) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code?.startsWith('FST_')) throw AppException.badRequest('上传内容有误，请一次上传一张图片', ErrorCode.UploadInvalid);
    throw error;
  }
}

function tooLarge() {
  return new AppException(HttpStatus.PAYLOAD_TOO_LARGE, ErrorCode.UploadTooLarge, `图片不能超过 ${MAX_IMAGE_BYTES / 1024 / 1024} MB，请压缩后再上传`);
}
