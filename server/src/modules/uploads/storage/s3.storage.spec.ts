import { startS3StandIn, S3StandIn } from '../../../../test/s3-stand-in';
import { S3Storage } from './s3.storage';

describe('S3Storage (against the loopback s3rver stand-in)', () => {
  let standIn: S3StandIn;
  let storage: S3Storage;
  beforeAll(async () => {
    standIn = await startS3StandIn();
    storage = new S3Storage({ ...standIn, region: 'ap-guangzhou', forcePathStyle: true });
  });
  afterAll(async () => {
    storage?.onApplicationShutdown();
    await standIn?.close();
  });

  it('should put and get an object with its content type', async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    await storage.put('uploads/2025/11/x.jpg', bytes, 'image/jpeg');
    expect(standIn.puts).toContainEqual({ key: 'uploads/2025/11/x.jpg', size: bytes.length });
    expect(await storage.get('uploads/2025/11/x.jpg')).toEqual({ body: bytes, contentType: 'image/jpeg' });
  });

  it('should answer null for a missing key', async () => {
    expect(await storage.get('uploads/2025/11/missing.jpg')).toBeNull();
  });

  // s3rver checks the access key id but not the V4 signature, so a wrong secret cannot be tested here.
  it('should fail loudly with an unknown access key or bucket', async () => {
    const wrongKey = new S3Storage({ ...standIn, accessKeyId: 'AKIDWRONG', region: 'ap-guangzhou', forcePathStyle: true });
    await expect(wrongKey.put('uploads/a.jpg', Buffer.from('x'), 'image/jpeg')).rejects.toThrow(/Access Key/i);
    await expect(wrongKey.get('uploads/2025/11/x.jpg')).rejects.toThrow(/Access Key/i);
    wrongKey.onApplicationShutdown();
    const wrongBucket = new S3Storage({ ...standIn, bucket: 'no-such-bucket', region: 'ap-guangzhou', forcePathStyle: true });
    await expect(wrongBucket.put('uploads/a.jpg', Buffer.from('x'), 'image/jpeg')).rejects.toThrow();
    wrongBucket.onApplicationShutdown();
  });

  it('should refuse unsafe keys before sending anything', async () => {
    await expect(storage.put('../x.jpg', Buffer.from('x'), 'image/jpeg')).rejects.toThrow(/unsafe/);
  });
});
