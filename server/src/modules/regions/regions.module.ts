import { Module } from '@nestjs/common';
import { CommunitiesController, QrLandingController } from './communities.controller';
import { CommunityQrCodeService } from './community-qrcode.service';
import { RegionsController } from './regions.controller';
import { RegionsService } from './regions.service';

@Module({
  controllers: [RegionsController, CommunitiesController, QrLandingController],
  providers: [RegionsService, CommunityQrCodeService],
  exports: [RegionsService],
})
export class RegionsModule {}
