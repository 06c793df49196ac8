import { Global, Module } from '@nestjs/common';
import { AuditService } from './audit.service';

/** Global: every module records its privileged changes and personal-data reads here, in its own transaction. */
@Global()
@Module({ providers: [AuditService], exports: [AuditService] })
export class AuditModule {}
