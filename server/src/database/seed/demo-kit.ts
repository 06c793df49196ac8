import type { EntityManager } from 'typeorm';
import { newId } from '../../common/ids';
import type { OrganisationEntity } from '../../modules/organisations/organisation.entity';
import type { RegionEntity } from '../../modules/regions/region.entity';
import { TimelineEventEntity } from '../../modules/workflow/timeline-event.entity';
import type { SeededPerson } from './demo-wishes';

/** Who a seeded timeline entry names (as the services record it). */
export interface DemoActor {
  userId: string | null;
  role: string;
  name: string;
}

/** One timeline entry of a seeded object: action, from, to, when, who (null: the system) and the note. */
export type DemoEvent = readonly [action: string, from: string | null, to: string, when: Date, actor: DemoActor | null, note: string | null];

/** Writes a seeded object's timeline, in order, as WorkflowService would have recorded it. */
export async function insertTimeline(manager: EntityManager, subjectType: string, subjectId: string, events: Iterable<DemoEvent>): Promise<void> {
  for (const [action, from, to, when, actor, note] of events) {
    await manager.insert(TimelineEventEntity, {
      id: newId(),
      subjectType,
      subjectId,
      action,
      fromStatus: from,
      toStatus: to,
      actorUserId: actor?.userId ?? null,
      actorRole: actor?.role ?? 'system',
      actorName: actor?.name ?? '系统',
      note,
      createdAt: when,
    });
  }
}

/** A demo seeder that needs no cipher: the regions, organisations and people seeded before it. */
export type DemoSeeder = (manager: EntityManager, now: Date, regions: Map<string, RegionEntity>, organisations: Map<string, OrganisationEntity>, people: Map<string, SeededPerson>) => Promise<void>;
