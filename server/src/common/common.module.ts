import { Global, Module } from '@nestjs/common';
import { AuditService } from '../modules/audit/audit.service';
import { Clock } from './clock';
import { DataCipher } from './crypto/data-cipher';

/** Cross-cutting services every domain module may inject. */
@Global()
@Module({
  providers: [Clock, DataCipher, AuditService],
  exports: [Clock, DataCipher, AuditService],
})
export class CommonModule {}
