import { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig, StorageConfig } from '../../../config/config';
import { LocalDiskStorage } from './local-disk.storage';
import { OBJECT_STORAGE, ObjectStorage } from './object-storage';
import { S3Storage } from './s3.storage';

export function createObjectStorage(config: StorageConfig): ObjectStorage {
  return config.driver === 's3' ? new S3Storage(config) : new LocalDiskStorage(config.dir);
}

export const objectStorageProvider: Provider = {
  provide: OBJECT_STORAGE,
  useFactory: (config: AppConfig) => createObjectStorage(config.storage),
  inject: [APP_CONFIG],
};
