import { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig, StorageConfig } from '../../../config/config';
import { LocalDiskStorage } from './local-disk.storage';
import { OBJECT_STORAGE, ObjectStorage } from './object-storage';
import type { S3Storage } from './s3.storage';

export function createObjectStorage(config: StorageConfig): ObjectStorage {
  if (config.driver !== 's3') return new LocalDiskStorage(config.dir);
  // Loaded only when configured: the AWS SDK adds ~20 MB to every process that loads it (docs/benchmarks.md, part 5).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const s3 = require('./s3.storage') as { S3Storage: typeof S3Storage };
  return new s3.S3Storage(config);
}

export const objectStorageProvider: Provider = {
  provide: OBJECT_STORAGE,
  useFactory: (config: AppConfig) => createObjectStorage(config.storage),
  inject: [APP_CONFIG],
};
