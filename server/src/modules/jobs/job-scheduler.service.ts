import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { JobLeaseService } from './job-lease.service';
import { JobRegistry } from './job-registry.service';

/**
 * Ticks the registered jobs every JOBS_INTERVAL_MS (0 = off; tests call the jobs directly with a moved clock).
 * Exclusive jobs run under a lease, so with two instances each tick's work is done by one of them; every item
 * inside a job is also changed by a conditional update, so even overlapping runs do it once.
 * On shutdown it takes no new tick and waits for the running one, before the HTTP server drains and the pool closes.
 */
@Injectable()
export class JobSchedulerService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Jobs');
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> | null = null;
  private stopped = false;

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

  /** Nest's first shutdown hook (app.close() on SIGTERM): no new tick from here on; the running one finishes. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.current;
  }

  /** One round of every job; a no-op while one is still running or once shutdown has begun. */
  async tick(): Promise<void> {
    if (this.current || this.stopped) return;
    this.current = this.runJobs().finally(() => (this.current = null));
    await this.current;
  }

  private async runJobs(): Promise<void> {
    const lease = Math.max(1000, this.config.jobsIntervalMs - 500);
    for (const job of this.registry.list()) {
      // Shutdown began during this round: the jobs not yet started wait for another instance or the next start.
      if (this.stopped) return;
      try {
        if (job.exclusive === false || (await this.leases.tryLease(job.name, lease))) await job.run();
      } catch (error) {
        // The database may be briefly unavailable: log and try again next tick; the other jobs still run.
        this.logger.error(`job ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
