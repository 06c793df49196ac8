import { Injectable } from '@nestjs/common';
import type { AttendanceList, TimelineEntry } from '@nuancheng/shared';
import { DataSource } from 'typeorm';
import type { Principal } from '../../common/access/principal';
import { toException } from '../../common/workflow/workflow';
import { WorkflowService } from '../workflow/workflow.service';
import { ACTIVITY_WORKFLOW } from './activities.policy';
import { ActivitiesService } from './activities.service';
import { ActivityContextService } from './activity-context.service';
import { ActivityQueriesService } from './activity-queries.service';
import { CheckinService } from './checkin.service';
import { HoursService } from './hours.service';

/** What the controllers call: the module's services under one name, and the reads that need a relation check. */
@Injectable()
export class ActivitiesFacade {
  constructor(
    private readonly dataSource: DataSource,
    private readonly contexts: ActivityContextService,
    private readonly workflow: WorkflowService,
    readonly commands: ActivitiesService,
    readonly queries: ActivityQueriesService,
    readonly checkins: CheckinService,
    readonly hours: HoursService,
  ) {}

  /** The organiser's attendance list (read-only: the list of one activity, read in one snapshot). */
  async attendances(principal: Principal, id: string): Promise<AttendanceList> {
    const manager = this.dataSource.manager;
    const ctx = await this.contexts.load(manager, id, principal);
    // Who only, in any state (a cancelled or ended activity's list stays readable by its organiser).
    const refusal = ACTIVITY_WORKFLOW.refusal('review_hours', 'ended', ctx.rel);
    if (refusal) throw toException(refusal);
    return this.queries.attendances(manager, ctx);
  }

  async timeline(id: string): Promise<{ items: TimelineEntry[] }> {
    await this.contexts.activity(this.dataSource.manager, id);
    return { items: await this.workflow.timeline(this.dataSource.manager, 'activity', id, ACTIVITY_WORKFLOW) };
  }
}
