import { Injectable, OnModuleInit } from '@nestjs/common';
import { CHECKIN_RULES } from '@nuancheng/shared';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { inTransaction } from '../../common/database/transaction';
import { AppException } from '../../common/errors/app.exception';
import { SYSTEM_ACTOR } from '../../common/workflow/actor';
import { JobRegistry } from '../jobs/job-registry.service';
import { ActivitiesRepository } from './activities.repository';
import { ActivitiesService } from './activities.service';
import { HoursService } from './hours.service';

export interface ActivityJobsResult {
  ended: number;
  approved: number;
}

/**
 * Time-driven work on activities: ending those whose check-out has closed (their hours open for review), and
 * approving the hours nobody reviewed within 3 days of the end. Every item moves by a conditional update in its
 * own transaction, so the job is safe on several instances at once.
 */
@Injectable()
export class ActivityJobsService implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: ActivitiesRepository,
    private readonly activities: ActivitiesService,
    private readonly hours: HoursService,
    private readonly jobs: JobRegistry,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register({ name: 'activities', run: () => this.runOnce() });
  }

  async runOnce(): Promise<ActivityJobsResult> {
    return { ended: await this.endDue(), approved: await this.hours.autoApproveDue() };
  }

  async endDue(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - CHECKIN_RULES.checkoutClosesAfterEndMinutes * 60_000);
    let count = 0;
    for (const due of await this.repository.activitiesToEnd(before)) {
      try {
        await inTransaction(this.dataSource, async (manager) => {
          const activity = await this.repository.findActivity(manager, due.id);
          if (!activity || activity.status !== 'published') return;
          await this.activities.endActivity(manager, activity, SYSTEM_ACTOR);
          count += 1;
        });
      } catch (error) {
        if (!(error instanceof AppException)) throw error;
      }
    }
    return count;
  }
}
