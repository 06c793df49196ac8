import { Global, Module } from '@nestjs/common';
import { AuditVerifyService } from './audit-verify.service';
import { AuditService } from './audit.service';

/** Global: every module records its privileged changes and personal-data reads here, in its own transaction. */
@Global()
@Module({ providers: [AuditService, AuditVerifyService], exports: [AuditService, AuditVerifyService] })
export class AuditModule {}
