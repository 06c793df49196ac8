import { Module } from '@nestjs/common';
import { LedgerModule } from '../ledger/ledger.module';
import { MembersModule } from '../members/members.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { RegionsModule } from '../regions/regions.module';
import { UsersModule } from '../users/users.module';
import { CertificatesController, VerifyLandingController } from './certificates.controller';
import { CertificatesService } from './certificates.service';

/** 志愿服务记录证明: signed PDFs of a member's ledger for a period, and the public verification. */
@Module({
  imports: [LedgerModule, MembersModule, OrganisationsModule, RegionsModule, UsersModule],
  controllers: [CertificatesController, VerifyLandingController],
  providers: [CertificatesService],
  exports: [CertificatesService],
})
export class CertificatesModule {}
