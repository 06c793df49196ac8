import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { JobLeaseService } from './job-lease.service';
import { JobRegistry } from './job-registry.service';

/**
 * Ticks the registered jobs every JOBS_INTERVAL_MS (0 = off; tests call the jobs directly with a moved clock).
 * Exclusive jobs run under a lease, so with two instances each tick's work is done by one of them; every item
 * inside a job is also changed by a conditional update, so even overlapping runs do it once.
 */
@Injectable()
export class JobSchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly leases: JobLeaseService,
    private readonly registry: JobRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.jobsIntervalMs <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.config.jobsIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const lease = Math.max(1000, this.config.jobsIntervalMs - 500);
    try {
      for (const job of this.registry.list()) {
        try {
          if (job.exclusive === false || (await this.leases.tryLease(job.name, lease))) await job.run();
        } catch (error) {
          // The database may be briefly unavailable: log and try again next tick; the other jobs still run.
          this.logger.error(`job ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } finally {
      this.running = false;
    }
  }
}
