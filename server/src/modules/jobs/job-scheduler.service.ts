import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/config';
import { OutboxWorker } from '../notifications/outbox.worker';
import { WishJobsService } from '../wishes/wish-jobs.service';
import { JobLeaseService } from './job-lease.service';

/**
 * Ticks the scheduled jobs every JOBS_INTERVAL_MS (0 = off; tests call the jobs directly with a moved clock).
 * Each job runs under a lease, so with two instances each tick's work is done by one of them.
 */
@Injectable()
export class JobSchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    private readonly leases: JobLeaseService,
    private readonly wishJobs: WishJobsService,
    private readonly outbox: OutboxWorker,
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
      if (await this.leases.tryLease('wishes', lease)) await this.wishJobs.runOnce();
      // The outbox claims rows one by one, so every instance may deliver.
      await this.outbox.runOnce();
    } catch (error) {
      // The database may be briefly unavailable: log and try again next tick.
      this.logger.error(`scheduled job failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.running = false;
    }
  }
}
