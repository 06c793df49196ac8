/** Where upload bytes live. Keys are app-made (`uploads/2025/11/<uuid>.jpg`), never taken from a request. */
export interface ObjectStorage {
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** null when there is no object under the key. */
  get(key: string): Promise<StoredObject | null>;
}

export interface StoredObject {
  body: Buffer;
  contentType: string;
}

/** Injection token for the configured ObjectStorage. */
export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

const SAFE_KEY = /^[a-z0-9][a-z0-9_-]*(\/[a-z0-9][a-z0-9_.-]*)*$/i;

/**
 * Refuses keys that could escape the storage root or mean different things to different stores: only
 * `/`-separated segments of letters, digits, `_`, `-` and `.`, none empty or starting with a dot (so no `..`).
 */
export function assertSafeKey(key: string): string {
  if (key.length > 200 || !SAFE_KEY.test(key) || key.split('/').some((segment) => segment.startsWith('.'))) {
    throw new Error(`unsafe storage key: ${JSON.stringify(key)}`);
  }
  return key;
}
