import { Global, Module } from '@nestjs/common';
import { JobLeaseService } from './job-lease.service';
import { JobRegistry } from './job-registry.service';
import { JobSchedulerService } from './job-scheduler.service';

/** Global so that every module can register its jobs; the scheduler imports no module. */
@Global()
@Module({
  providers: [JobLeaseService, JobRegistry, JobSchedulerService],
  exports: [JobRegistry, JobSchedulerService],
})
export class JobsModule {}
