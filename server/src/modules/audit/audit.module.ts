import { Global, Module } from '@nestjs/common';
import { AuditLinkerService } from './audit-linker.service';
import { AuditRetentionService } from './audit-retention.service';
import { AuditSearchService } from './audit-search.service';
import { AuditVerifyService } from './audit-verify.service';
import { AuditController } from './audit.controller';
import { AuditService } from './audit.service';

/** Global: every module records its privileged changes and personal-data reads here, in its own transaction. */
@Global()
@Module({
  controllers: [AuditController],
  providers: [AuditService, AuditVerifyService, AuditSearchService, AuditRetentionService, AuditLinkerService],
  exports: [AuditService, AuditVerifyService, AuditLinkerService],
})
export class AuditModule {}
