import { Module } from '@nestjs/common';
import { objectStorageProvider } from './storage/storage.provider';
import { UploadsController } from './uploads.controller';
import { UploadsService } from './uploads.service';

@Module({
  controllers: [UploadsController],
  providers: [UploadsService, objectStorageProvider],
  exports: [UploadsService],
})
export class UploadsModule {}
