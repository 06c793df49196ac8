import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDiskStorage } from './local-disk.storage';
import { assertSafeKey } from './object-storage';

describe('assertSafeKey', () => {
  it('should accept the keys the app makes', () => {
    expect(assertSafeKey('uploads/2025/11/0b7e6a8e-4b1c-4f7e-9a57-1d2f3c4b5a69.jpg')).toBeTruthy();
    expect(assertSafeKey('uploads/2025/11/0b7e6a8e-4b1c-4f7e-9a57-1d2f3c4b5a69-thumb.jpg')).toBeTruthy();
  });

  it.each(['../etc/passwd', 'uploads/../../x', 'uploads/./x', '/abs/path', 'a//b', 'a/', '', 'a\\b', 'a/.hidden', 'a b', 'a/%2e%2e/b', 'x'.repeat(201)])('should refuse %j', (key) => {
    expect(() => assertSafeKey(key)).toThrow(/unsafe storage key/);
  });
});

describe('LocalDiskStorage', () => {
  let dir: string;
  let storage: LocalDiskStorage;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'nc-uploads-'));
    storage = new LocalDiskStorage(dir);
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('should write and read back bytes with the type from the extension', async () => {
    await storage.put('uploads/2025/11/a.webp', Buffer.from('RIFF....WEBP'), 'image/webp');
    expect(await storage.get('uploads/2025/11/a.webp')).toEqual({ body: Buffer.from('RIFF....WEBP'), contentType: 'image/webp' });
    await storage.put('uploads/2025/11/b-thumb.jpg', Buffer.from([1, 2, 3]), 'image/jpeg');
    expect((await storage.get('uploads/2025/11/b-thumb.jpg'))?.contentType).toBe('image/jpeg');
    // No temp files left behind.
    expect((await readdir(join(dir, 'uploads/2025/11'))).sort()).toEqual(['a.webp', 'b-thumb.jpg']);
  });

  it('should answer null for a missing key', async () => {
    expect(await storage.get('uploads/nothing-here.png')).toBeNull();
  });

  it('should refuse keys that escape the directory', async () => {
    await expect(storage.put('../escape.jpg', Buffer.from('x'), 'image/jpeg')).rejects.toThrow(/unsafe/);
    await expect(storage.get('uploads/../../etc/passwd')).rejects.toThrow(/unsafe/);
  });
});
