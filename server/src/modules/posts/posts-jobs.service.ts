import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobRegistry } from '../jobs/job-registry.service';
import { PostsService } from './posts.service';

/** Time-driven work on posts: holdings whose year is over end (期满) and free their place. */
@Injectable()
export class PostsJobsService implements OnModuleInit {
  constructor(
    private readonly jobs: JobRegistry,
    private readonly posts: PostsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'posts', run: () => this.runOnce() });
  }

  async runOnce(): Promise<{ expired: number }> {
    return { expired: await this.posts.expireDue() };
  }
}
