import { Global, Module, OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JobRegistry } from '../jobs/job-registry.service';
import { RateLimitGuard } from './rate-limit.guard';
import { RateLimitsService } from './rate-limits.service';

/** Rate limits shared by every instance (database or Redis). Imported after AccessModule: its guard runs second. */
@Global()
@Module({
  providers: [RateLimitsService, { provide: APP_GUARD, useClass: RateLimitGuard }],
  exports: [RateLimitsService],
})
export class RateLimitsModule implements OnModuleInit {
  constructor(
    private readonly limits: RateLimitsService,
    private readonly jobs: JobRegistry,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'rate-limits', run: () => this.limits.purgeExpired() });
  }
}
