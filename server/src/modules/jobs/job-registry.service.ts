import { Injectable } from '@nestjs/common';

export interface JobDefinition {
  /** Also the lease's name: with several instances, one runs an exclusive job per tick. */
  name: string;
  run: () => Promise<unknown>;
  /**
   * Exclusive jobs run under a lease (one instance per tick). Jobs that claim their items one by one with a
   * conditional update (the outbox) may run everywhere at once: `exclusive: false`.
   */
  exclusive?: boolean;
}

/** The jobs the modules declare (in their own onModuleInit); the scheduler runs them and knows none by name. */
@Injectable()
export class JobRegistry {
  private readonly jobs: JobDefinition[] = [];

  register(job: JobDefinition): void {
    if (this.jobs.some((j) => j.name === job.name)) throw new Error(`job ${job.name} registered twice`);
    this.jobs.push(job);
  }

  list(): readonly JobDefinition[] {
    return this.jobs;
  }
}
