import { Injectable, OnModuleInit } from '@nestjs/common';
import { ACTIVITY_COMMITMENT_CATEGORY } from '@nuancheng/shared';
import { DomainEvents } from '../../../common/events/domain-events';
import type {} from '../../activities/activities.events';
import { LedgerService } from '../ledger.service';

/**
 * Approved activity hours (approved, confirmed to the end, adjusted, or approved by the job) become one ledger entry
 * per attendance — kind activity_attendance, source the attendance — in the approval's transaction. The ledger's
 * unique source index makes a repeated approval a no-op, so minutes are credited exactly once.
 *
 * An activity that delivers an agreement commitment (activity.delivered, when it ends) is also credited once to the
 * partner unit — kind activity_organised, source the activity, no minutes (its attendees' minutes are theirs) — so the
 * agreement counts one more service against that commitment's category.
 */
@Injectable()
export class ActivityCreditsSubscriber implements OnModuleInit {
  constructor(
    private readonly events: DomainEvents,
    private readonly ledger: LedgerService,
  ) {}

  onModuleInit(): void {
    this.events.on('activity.hours_approved', async (manager, e) => {
      if (e.minutes <= 0) return;
      await this.ledger.credit(manager, {
        memberId: e.memberId,
        organisationId: null,
        kind: 'activity_attendance',
        sourceType: 'activity_attendance',
        sourceId: e.attendanceId,
        minutes: e.minutes,
        description: `志愿服务活动：${e.activity.title}`,
        // Counted in the period the service was done, whenever it was approved.
        occurredAt: e.activity.startAt,
        communityId: e.activity.communityId,
        streetId: e.activity.streetId,
        category: ACTIVITY_COMMITMENT_CATEGORY[e.activity.type],
      });
    });
    this.events.on('activity.delivered', async (manager, e) => {
      await this.ledger.credit(manager, {
        memberId: null,
        organisationId: e.unitId,
        kind: 'activity_organised',
        sourceType: 'activity',
        sourceId: e.activity.id,
        description: `组织志愿服务活动：${e.activity.title}`,
        occurredAt: e.activity.startAt,
        communityId: e.activity.communityId,
        streetId: e.activity.streetId,
        category: e.category,
      });
    });
  }
}
