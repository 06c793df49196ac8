import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, extname, resolve, sep } from 'node:path';
import { assertSafeKey, ObjectStorage, StoredObject } from './object-storage';

const TYPE_BY_EXTENSION: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
};

/**
 * Files under one directory (UPLOAD_DIR). The content type comes back from the key's extension, which the
 * app always sets, so no sidecar metadata is needed.
 */
export class LocalDiskStorage implements ObjectStorage {
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  async put(key: string, bytes: Buffer, _contentType: string): Promise<void> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // Write then rename, so a reader never sees half a file and a crash leaves only a stray temp file.
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temp, bytes);
    await rename(temp, path);
  }

  async get(key: string): Promise<StoredObject | null> {
    const path = this.pathOf(key);
    try {
      const body = await readFile(path);
      return { body, contentType: TYPE_BY_EXTENSION[extname(path).toLowerCase()] ?? 'application/octet-stream' };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  /** Key → absolute path, checked twice: the key's shape, then that the resolved path stays under the root. */
  private pathOf(key: string): string {
    const path = resolve(this.root, assertSafeKey(key));
    if (!path.startsWith(this.root + sep)) throw new Error(`storage key escapes the upload directory: ${key}`);
    return path;
  }
}
