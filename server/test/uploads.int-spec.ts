import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { UploadEntity } from '../src/modules/uploads/upload.entity';
import { UploadsService } from '../src/modules/uploads/uploads.service';
import { startS3StandIn, S3StandIn, s3EnvFor } from './s3-stand-in';
import { TEST_DB } from './support/test-database';
import { startTestApp, TestApp } from './support/test-app';

/** A photo with some detail (a flat colour would compress to almost nothing). */
function photo(width: number, height: number) {
  const svg = `<svg width="${width}" height="${height}"><rect width="100%" height="100%" fill="#c33"/><circle cx="${width / 3}" cy="${height / 2}" r="${Math.min(width, height) / 3}" fill="#2a7"/><text x="10" y="${height - 20}" font-size="${height / 8}" fill="#fff">暖城</text></svg>`;
  return sharp(Buffer.from(svg));
}

const gpsExif = {
  IFD0: { Make: 'GpsPhone', Model: 'X1' },
  IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '40/1 49/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '111/1 39/1 0/1' },
};

function form(bytes: Buffer | string, name: string, type: string, field = 'file'): FormData {
  const data = new FormData();
  data.append(field, new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type }), name);
  return data;
}

async function fetchBytes(t: TestApp, path: string, headers: Record<string, string> = {}) {
  const response = await fetch(t.baseUrl + path, { headers });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

describe(`uploads (${TEST_DB})`, () => {
  let t: TestApp;
  let uploadDir: string;
  let token: string;
  let userId: string;
  let otherToken: string;
  const uploadCount = () => t.dataSource.getRepository(UploadEntity).count();
  const upload = (body: FormData, as: { token?: string } = { token }) => t.request('POST', '/api/uploads', { token: as.token, body });

  beforeAll(async () => {
    uploadDir = await mkdtemp(join(tmpdir(), 'nc-uploads-it-'));
    t = await startTestApp({ seed: false, env: { UPLOAD_DIR: uploadDir } });
    token = await t.signIn('dev:photographer');
    userId = (await t.request('GET', '/api/me', { token })).body.id;
    otherToken = await t.signIn('dev:someone-else');
  });
  afterAll(async () => {
    await t?.close();
    await rm(uploadDir, { recursive: true, force: true });
  });

  it('should strip EXIF with GPS from a JPEG, turn it upright and serve it with a smaller thumbnail', async () => {
    const input = await photo(1200, 800).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).withExifMerge(gpsExif).toBuffer();
    expect((await sharp(input).metadata()).exif).toBeDefined();

    const response = await upload(form(input, 'IMG_0001.jpg', 'image/jpeg'));
    expect(response.status).toBe(201);
    const { id } = response.body;
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      // Not attached yet, so not public: the uploader previews it through a signed link.
      url: expect.stringMatching(new RegExp(`^/api/uploads/${id}\\?e=\\d+&s=[0-9a-f]{32}$`)),
      thumbnailUrl: expect.stringMatching(new RegExp(`^/api/uploads/${id}/thumbnail\\?e=\\d+&s=[0-9a-f]{32}$`)),
      width: 800,
      height: 1200,
      bytes: expect.any(Number),
      contentType: 'image/jpeg',
    });

    const image = await fetchBytes(t, response.body.url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(image.headers.get('cache-control')).toBe('private, no-store');
    // Without the signature, an unattached photo is not served.
    expect((await fetchBytes(t, `/api/uploads/${id}`)).status).toBe(404);
    expect(image.body.length).toBe(response.body.bytes);
    const meta = await sharp(image.body).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 800, height: 1200 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(image.body.includes(Buffer.from('GpsPhone'))).toBe(false);

    const thumbnail = await fetchBytes(t, response.body.thumbnailUrl);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/jpeg');
    expect(thumbnail.headers.get('cache-control')).toBe('private, no-store');
    const thumbMeta = await sharp(thumbnail.body).metadata();
    expect(thumbMeta).toMatchObject({ format: 'jpeg', width: 360, height: 540 });
    expect(thumbMeta.exif).toBeUndefined();
    expect(thumbnail.body.length).toBeLessThan(image.body.length);

    // The row: owner, keys, and a hash of exactly the bytes served.
    const row = await t.dataSource.getRepository(UploadEntity).findOneByOrFail({ id });
    expect(row).toMatchObject({ ownerId: userId, contentType: 'image/jpeg', width: 800, height: 1200, bytes: image.body.length, attachedTo: null });
    expect(row.sha256).toBe(createHash('sha256').update(image.body).digest('hex'));
    expect(row.createdAt).toBeInstanceOf(Date);
    expect(existsSync(join(uploadDir, row.storageKey))).toBe(true);
    expect(existsSync(join(uploadDir, row.thumbnailKey))).toBe(true);

    // Immutable content: a revalidation answers 304 without the bytes.
    const again = await fetchBytes(t, response.body.url, { 'if-none-match': image.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('should accept PNG and WebP and keep their format', async () => {
    for (const [format, type] of [
      ['png', 'image/png'],
      ['webp', 'image/webp'],
    ] as const) {
      const input = await photo(640, 480).toFormat(format).toBuffer();
      // The declared type and name are ignored; only the content counts.
      const response = await upload(form(input, 'photo.bin', 'application/octet-stream'));
      expect(response.status).toBe(201);
      expect(response.body).toMatchObject({ contentType: type, width: 640, height: 480 });
      const image = await fetchBytes(t, response.body.url);
      expect(image.headers.get('content-type')).toBe(type);
      expect((await sharp(image.body).metadata()).format).toBe(format);
      const thumbnail = await fetchBytes(t, response.body.thumbnailUrl);
      expect((await sharp(thumbnail.body).metadata()).width).toBe(360);
    }
  });

  it('should refuse a text file named .jpg, and a GIF, by content', async () => {
    const before = await uploadCount();
    const text = await upload(form('这不是图片，只是改了扩展名', 'photo.jpg', 'image/jpeg'));
    expect(text.status).toBe(415);
    expect(text.body).toMatchObject({ code: 'UPLOAD_UNSUPPORTED_TYPE', message: '仅支持 JPG、PNG、WebP 格式的图片' });
    const gif = await upload(form(await photo(20, 20).gif().toBuffer(), 'a.gif', 'image/gif'));
    expect(gif.status).toBe(415);
    expect(await uploadCount()).toBe(before);
  });

  it('should refuse a file over 5 MB with 413 and a message saying so', async () => {
    const before = await uploadCount();
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(6 * 1024 * 1024, 1)]);
    const response = await upload(form(big, 'big.jpg', 'image/jpeg'));
    expect(response.status).toBe(413);
    expect(response.body).toMatchObject({ code: 'UPLOAD_TOO_LARGE', message: expect.stringContaining('5 MB') });
    expect(await uploadCount()).toBe(before);
    // The server is still fine afterwards.
    expect((await upload(form(await photo(100, 100).jpeg().toBuffer(), 'ok.jpg', 'image/jpeg'))).status).toBe(201);
  });

  it('should refuse an image of huge dimensions even when the file is small', async () => {
    const huge = await sharp({ create: { width: 10000, height: 10000, channels: 3, background: '#eeeeee' } })
      .png()
      .toBuffer();
    expect(huge.length).toBeLessThan(1024 * 1024);
    const response = await upload(form(huge, 'flat.png', 'image/png'));
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ code: 'UPLOAD_INVALID', message: expect.stringContaining('图片尺寸过大') });
  });

  it('should refuse broken requests with a Chinese message', async () => {
    const truncated = (await photo(800, 600).jpeg().toBuffer()).subarray(0, 2000);
    expect((await upload(form(truncated, 'cut.jpg', 'image/jpeg'))).body).toMatchObject({ statusCode: 400, code: 'UPLOAD_INVALID' });
    const wrongField = await upload(form(await photo(10, 10).png().toBuffer(), 'a.png', 'image/png', 'photo'));
    expect(wrongField.status).toBe(400);
    expect(wrongField.body.message).toContain('file');
    const json = await t.request('POST', '/api/uploads', { token, body: { file: 'x' } });
    expect(json.status).toBe(400);
    expect(json.body.code).toBe('UPLOAD_INVALID');
  });

  it('should refuse uploads from someone not signed in', async () => {
    const before = await uploadCount();
    const response = await upload(form(await photo(50, 50).jpeg().toBuffer(), 'a.jpg', 'image/jpeg'), {});
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('UNAUTHENTICATED');
    expect(await uploadCount()).toBe(before);
  });

  it('should answer 404 for unknown uploads', async () => {
    for (const path of ['/api/uploads/00000000-0000-4000-8000-000000000000', '/api/uploads/00000000-0000-4000-8000-000000000000/thumbnail', '/api/uploads/..%2F..%2Fetc']) {
      const response = await t.request('GET', path);
      expect(response.status).toBe(404);
      expect(response.body.message).toBe('图片不存在');
    }
  });

  it('should let other modules require owned uploads and attach them once', async () => {
    const service = t.app.get(UploadsService);
    const jpeg = await photo(200, 200).jpeg().toBuffer();
    const mine: string[] = [];
    for (let i = 0; i < 3; i++) mine.push((await upload(form(jpeg, `${i}.jpg`, 'image/jpeg'))).body.id as string);
    const theirs = (await upload(form(jpeg, 'x.jpg', 'image/jpeg'), { token: otherToken })).body.id as string;
    const unknown = '00000000-0000-4000-8000-000000000000';
    const manager = t.dataSource.manager;

    const owned = await service.requireOwned(manager, userId, [mine[2], mine[0]]);
    expect(owned.map((u) => u.id)).toEqual([mine[2], mine[0]]);
    expect(await service.requireOwned(manager, userId, [])).toEqual([]);
    for (const ids of [[mine[0], theirs], [unknown], [mine[0], mine[0]], ['not-a-uuid']]) {
      await expect(service.requireOwned(manager, userId, ids)).rejects.toMatchObject({ status: 400, code: 'UPLOAD_INVALID' });
    }
    await expect(service.requireOwned(manager, userId, [theirs])).rejects.toThrow('照片不存在或不是你上传的');

    const wishId = 'aaaaaaaa-0000-4000-8000-000000000001';
    const attached = await t.dataSource.transaction(async (tx) => {
      await service.requireOwned(tx, userId, [mine[0], mine[1]]);
      return service.attach(tx, [mine[0], mine[1]], `wish:${wishId}`);
    });
    expect(attached.map((u) => [u.id, u.attachedTo])).toEqual([
      [mine[0], `wish:${wishId}`],
      [mine[1], `wish:${wishId}`],
    ]);
    // Attaching again to the same target is harmless; to another target is a conflict, and changes nothing.
    await expect(service.attach(manager, [mine[1], mine[0]], `wish:${wishId}`)).resolves.toHaveLength(2);
    await expect(service.attach(manager, [mine[2], mine[1]], 'project-progress:bbbbbbbb-0000-4000-8000-000000000002')).rejects.toMatchObject({
      status: 409,
      code: 'UPLOAD_IN_USE',
    });
    const rows = t.dataSource.getRepository(UploadEntity);
    expect((await rows.findOneByOrFail({ id: mine[2] })).attachedTo).toBeNull();
    await expect(service.attach(manager, [unknown], `wish:${wishId}`)).rejects.toMatchObject({ status: 400 });
    // A rolled-back transaction leaves the photo free.
    await t.dataSource
      .transaction(async (tx) => {
        await service.attach(tx, [mine[2]], 'wish:cccccccc-0000-4000-8000-000000000003');
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect((await rows.findOneByOrFail({ id: mine[2] })).attachedTo).toBeNull();

    expect(service.publicUrls({ id: mine[0] })).toEqual({ id: mine[0], url: `/api/uploads/${mine[0]}`, thumbnailUrl: `/api/uploads/${mine[0]}/thumbnail` });
  });

  it('should document the routes in OpenAPI', async () => {
    const { body: doc } = await t.request('GET', '/api/docs-json');
    expect(doc.paths['/api/uploads'].post.requestBody.content['multipart/form-data']).toBeDefined();
    expect(doc.paths['/api/uploads'].post.responses['201']).toBeDefined();
    expect(Object.keys(doc.paths['/api/uploads/{id}'].get.responses['200'].content)).toContain('image/jpeg');
    expect(doc.paths['/api/uploads/{id}/thumbnail'].get.summary).toBeTruthy();
  });
});

describe(`uploads on the s3 driver (${TEST_DB})`, () => {
  let t: TestApp;
  let s3: S3StandIn;
  let localDir: string;

  beforeAll(async () => {
    s3 = await startS3StandIn();
    localDir = await mkdtemp(join(tmpdir(), 'nc-uploads-unused-'));
    t = await startTestApp({ seed: false, env: { ...s3EnvFor(s3), UPLOAD_DIR: localDir } });
  });
  afterAll(async () => {
    await t?.close();
    await s3?.close();
    await rm(localDir, { recursive: true, force: true });
  });

  it('should store the image and thumbnail in the bucket and serve them back', async () => {
    const token = await t.signIn('dev:s3-user');
    const input = await photo(900, 600).webp().withExif(gpsExif).toBuffer();
    const data = new FormData();
    data.append('file', new Blob([new Uint8Array(input)], { type: 'image/webp' }), 'p.webp');
    const response = await t.request('POST', '/api/uploads', { token, body: data });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ contentType: 'image/webp', width: 900, height: 600 });

    const row = await t.dataSource.getRepository(UploadEntity).findOneByOrFail({ id: response.body.id });
    expect(s3.puts.map((p) => p.key)).toEqual([row.storageKey, row.thumbnailKey]);
    expect(s3.puts[0].size).toBe(row.bytes);

    const image = await fetchBytes(t, response.body.url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/webp');
    expect(createHash('sha256').update(image.body).digest('hex')).toBe(row.sha256);
    expect((await sharp(image.body).metadata()).exif).toBeUndefined();
    const thumbnail = await fetchBytes(t, response.body.thumbnailUrl);
    expect(thumbnail.headers.get('content-type')).toBe('image/jpeg');
    expect((await sharp(thumbnail.body).metadata()).width).toBe(360);
    // Nothing went to local disk.
    expect(existsSync(join(localDir, 'uploads'))).toBe(false);
  });
});
