import sharp from 'sharp';
import { AppException } from '../../common/errors/app.exception';
import { MAX_STORED_EDGE, processImage, sniffImageType, THUMBNAIL_WIDTH } from './image-processing';

const photo = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } }).composite([
    // Some detail, so encoders cannot shrink the image to almost nothing.
    { input: Buffer.from(`<svg width="${width}" height="${height}"><circle cx="${width / 3}" cy="${height / 2}" r="${Math.min(width, height) / 4}" fill="#1a6"/></svg>`) },
  ]);

async function rejection(promise: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppException);
    const e = error as AppException;
    return { status: e.getStatus(), code: e.code, message: e.message };
  }
  throw new Error('expected a rejection');
}

describe('sniffImageType', () => {
  it('should tell JPEG, PNG and WebP by their leading bytes', async () => {
    expect(sniffImageType(await photo(8, 8).jpeg().toBuffer())).toBe('image/jpeg');
    expect(sniffImageType(await photo(8, 8).png().toBuffer())).toBe('image/png');
    expect(sniffImageType(await photo(8, 8).webp().toBuffer())).toBe('image/webp');
  });

  it('should refuse other formats, text and fragments', async () => {
    expect(sniffImageType(await photo(8, 8).gif().toBuffer())).toBeNull();
    expect(sniffImageType(await photo(8, 8).tiff().toBuffer())).toBeNull();
    expect(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(sniffImageType(Buffer.from('just some text, named photo.jpg'))).toBeNull();
    expect(sniffImageType(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(sniffImageType(Buffer.from('RIFF\0\0\0\0WAVE'))).toBeNull();
    expect(sniffImageType(Buffer.alloc(0))).toBeNull();
  });
});

describe('processImage', () => {
  it('should drop EXIF (GPS included) and apply the orientation', async () => {
    const input = await photo(400, 200)
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExifMerge({ IFD0: { Make: 'GpsPhone' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '40/1 49/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '111/1 39/1 0/1' } })
      .toBuffer();
    const before = await sharp(input).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.toString('latin1')).toContain('GpsPhone');
    // The GPSInfo IFD pointer, tag 0x8825, in either byte order.
    expect(before.exif!.includes(Buffer.from([0x25, 0x88])) || before.exif!.includes(Buffer.from([0x88, 0x25]))).toBe(true);
    const { image, thumbnail } = await processImage(input);
    const meta = await sharp(image.bytes).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 200, height: 400 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(image).toMatchObject({ contentType: 'image/jpeg', width: 200, height: 400 });
    expect((await sharp(thumbnail.bytes).metadata()).exif).toBeUndefined();
  });

  it('should keep the format, cap the long edge and make a smaller JPEG thumbnail', async () => {
    for (const format of ['png', 'webp', 'jpeg'] as const) {
      const input = await photo(3000, 1500).toFormat(format).toBuffer();
      const { image, thumbnail } = await processImage(input);
      expect(image.contentType).toBe(`image/${format}`);
      expect([image.width, image.height]).toEqual([MAX_STORED_EDGE, MAX_STORED_EDGE / 2]);
      expect(thumbnail).toMatchObject({ contentType: 'image/jpeg', width: THUMBNAIL_WIDTH, height: THUMBNAIL_WIDTH / 2 });
      expect(thumbnail.bytes.length).toBeLessThan(image.bytes.length);
      expect((await sharp(thumbnail.bytes).metadata()).format).toBe('jpeg');
    }
  });

  it('should not enlarge small images', async () => {
    const { image, thumbnail } = await processImage(await photo(120, 80).png().toBuffer());
    expect([image.width, image.height, thumbnail.width, thumbnail.height]).toEqual([120, 80, 120, 80]);
  });

  it('should flatten transparency onto white in the thumbnail', async () => {
    const input = await sharp({ create: { width: 50, height: 50, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
      .png()
      .toBuffer();
    const { image, thumbnail } = await processImage(input);
    expect((await sharp(image.bytes).metadata()).hasAlpha).toBe(true);
    const { data } = await sharp(thumbnail.bytes).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(240);
  });

  it('should refuse text named like an image, and other image formats, with 415', async () => {
    for (const input of [Buffer.from('hello, this is not a photo'), await photo(10, 10).gif().toBuffer(), await photo(10, 10).tiff().toBuffer()]) {
      expect(await rejection(processImage(input))).toEqual({ status: 415, code: 'UPLOAD_UNSUPPORTED_TYPE', message: '仅支持 JPG、PNG、WebP 格式的图片' });
    }
  });

  it('should refuse a file whose magic bytes lie about what follows', async () => {
    const gif = await photo(10, 10).gif().toBuffer();
    const rejected = await rejection(processImage(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), gif])));
    expect(rejected.status).toBeGreaterThanOrEqual(400);
    expect(rejected.status).toBeLessThan(500);
  });

  it('should refuse images over 40 megapixels before decoding them', async () => {
    const huge = await sharp({ create: { width: 10000, height: 10000, channels: 3, background: '#eee' } })
      .png()
      .toBuffer();
    expect(huge.length).toBeLessThan(1024 * 1024);
    const rejected = await rejection(processImage(huge));
    expect(rejected).toMatchObject({ status: 400, code: 'UPLOAD_INVALID' });
    expect(rejected.message).toContain('10000×10000');
  });

  it('should refuse truncated images', async () => {
    const jpeg = await photo(600, 400).jpeg().toBuffer();
    const rejected = await rejection(processImage(jpeg.subarray(0, Math.floor(jpeg.length / 2))));
    expect(rejected).toMatchObject({ status: 400, code: 'UPLOAD_INVALID' });
  });
});
