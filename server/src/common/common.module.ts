import { Global, Module } from '@nestjs/common';
import { AccessService } from './access/access.service';
import { Clock } from './clock';
import { DataCipher } from './crypto/data-cipher';
import { DomainEvents } from './events/domain-events';

/** Cross-cutting services every domain module may inject; none of them knows a module. */
@Global()
@Module({
  providers: [Clock, DataCipher, AccessService, DomainEvents],
  exports: [Clock, DataCipher, AccessService, DomainEvents],
})
export class CommonModule {}
