import { HttpStatus } from '@nestjs/common';
import sharp, { Metadata, Sharp, SharpOptions } from 'sharp';
import { AppException, ErrorCode } from '../../common/errors/app.exception';

/** Largest upload accepted, checked while the multipart stream is read. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
/** Width × height limit, checked from the header before any pixel is decoded (a 5 MB PNG can hold gigapixels). */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** Longest edge of the stored image: plenty for a phone screen, and it bounds what the public wall serves. */
export const MAX_STORED_EDGE = 2560;
export const THUMBNAIL_WIDTH = 360;

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

export const EXTENSION_OF: Record<ImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };
const SHARP_FORMAT_OF: Record<ImageType, string> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };

export const UNSUPPORTED_TYPE_MESSAGE = '仅支持 JPG、PNG、WebP 格式的图片';

/**
 * The image type from the leading bytes, never from the file name or the declared MIME type (both are
 * whatever the client says).
 */
export function sniffImageType(bytes: Buffer): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  return null;
}

export interface EncodedImage {
  bytes: Buffer;
  contentType: ImageType;
  width: number;
  height: number;
}

export interface ProcessedImage {
  image: EncodedImage;
  thumbnail: EncodedImage;
}

const INPUT_OPTIONS: SharpOptions = {
  // libvips refuses to decode past this, a second guard behind the header check below.
  limitInputPixels: MAX_IMAGE_PIXELS,
  // Truncated or corrupt pixel data is an error rather than a half-grey photo.
  failOn: 'error',
};

/**
 * Checks an upload and re-encodes it: orientation applied, every piece of metadata (EXIF with GPS, XMP, IPTC,
 * PNG text) dropped because sharp writes none unless asked (`withMetadata`), size capped; plus a JPEG
 * thumbnail (JPEG because WeChat's <image> shows it everywhere without extra flags, unlike WebP on older iOS).
 */
export async function processImage(input: Buffer): Promise<ProcessedImage> {
  const type = sniffImageType(input);
  if (!type) throw unsupportedType();

  let metadata: Metadata;
  try {
    // Reads the header only; without the pixel limit so an oversized image gets its own message below.
    metadata = await sharp(input, { failOn: 'error' }).metadata();
  } catch {
    throw invalidImage('图片已损坏或无法识别，请换一张重试');
  }
  // A file that starts like one format but parses as another is not what it claims to be.
  if (metadata.format !== SHARP_FORMAT_OF[type]) throw unsupportedType();
  const { width, height } = metadata;
  if (!width || !height) throw invalidImage('图片已损坏或无法识别，请换一张重试');
  if (width * height > MAX_IMAGE_PIXELS) {
    throw invalidImage(`图片尺寸过大（${width}×${height}），请缩小到 ${MAX_IMAGE_PIXELS / 10_000} 万像素以内后再上传`);
  }

  try {
    const image = await encode(sharp(input, INPUT_OPTIONS).rotate().resize({ width: MAX_STORED_EDGE, height: MAX_STORED_EDGE, fit: 'inside', withoutEnlargement: true }), type);
    // From the re-encoded image: already upright and small, so far cheaper than decoding the original again.
    const thumbnail = await encode(sharp(image.bytes).resize({ width: THUMBNAIL_WIDTH, withoutEnlargement: true }).flatten({ background: '#ffffff' }), 'image/jpeg');
    return { image, thumbnail };
  } catch (error) {
    if (error instanceof AppException) throw error;
    throw invalidImage('图片已损坏或无法识别，请换一张重试');
  }
}

async function encode(pipeline: Sharp, type: ImageType): Promise<EncodedImage> {
  const encoder =
    type === 'image/jpeg' ? pipeline.jpeg({ quality: 82, mozjpeg: true }) : type === 'image/png' ? pipeline.png({ compressionLevel: 8, adaptiveFiltering: true }) : pipeline.webp({ quality: 82 });
  const { data, info } = await encoder.toBuffer({ resolveWithObject: true });
  return { bytes: data, contentType: type, width: info.width, height: info.height };
}

function unsupportedType() {
  return new AppException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, ErrorCode.UploadUnsupportedType, UNSUPPORTED_TYPE_MESSAGE);
}

function invalidImage(message: string) {
  return AppException.badRequest(message, ErrorCode.UploadInvalid);
}
