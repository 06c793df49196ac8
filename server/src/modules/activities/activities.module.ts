import { Module, OnModuleInit } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { LedgerModule } from '../ledger/ledger.module';
import { LedgerService } from '../ledger/ledger.service';
import { MembersModule } from '../members/members.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { RegionsModule } from '../regions/regions.module';
import { WorkflowModule } from '../workflow/workflow.module';
import { ActivitiesController, CheckinLandingController, MyActivitiesController } from './activities.controller';
import { ActivitiesFacade } from './activities.facade';
import { ActivitiesRepository } from './activities.repository';
import { ActivitiesService } from './activities.service';
import { ActivityContextService } from './activity-context.service';
import { ActivityJobsService } from './activity-jobs.service';
import { ActivityQueriesService } from './activity-queries.service';
import { CheckinService } from './checkin.service';
import { HoursService } from './hours.service';

/**
 * 志愿服务活动: publishing, sign-ups, tamper-resistant check-in and check-out, manual attendance, hours review.
 * Publishes activity.* events (activities.events.ts): notifications tell attendees, the ledger credits approved hours.
 */
@Module({
  imports: [WorkflowModule, MembersModule, RegionsModule, OrganisationsModule, AgreementsModule, LedgerModule],
  controllers: [ActivitiesController, MyActivitiesController, CheckinLandingController],
  providers: [ActivitiesRepository, ActivityContextService, ActivityQueriesService, ActivitiesService, HoursService, CheckinService, ActivityJobsService, ActivitiesFacade],
  exports: [ActivityJobsService, ActivityQueriesService],
})
export class ActivitiesModule implements OnModuleInit {
  constructor(
    private readonly ledger: LedgerService,
    private readonly contexts: ActivityContextService,
  ) {}

  /** The ledger lets the organiser of an activity correct the hours it credited: it asks this module who that is. */
  onModuleInit(): void {
    this.ledger.useSourceOrganisers('activity_attendance', (manager, principal, attendanceId) => this.contexts.organisesAttendance(manager, principal, attendanceId));
  }
}
