import type { CommitmentCategory } from '@nuancheng/shared';
import type { EntityManager } from 'typeorm';
import type { DataCipher } from '../../common/crypto/data-cipher';
import { newId } from '../../common/ids';
import { pathIds } from '../../common/tree/materialised-path';
import { LedgerEntryEntity } from '../../modules/ledger/ledger-entry.entity';
import type { OrganisationEntity } from '../../modules/organisations/organisation.entity';
import { ProjectUpdateEntity } from '../../modules/projects/project-update.entity';
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

/** A demo seeder that writes personal data, so encrypts it. */
export type DemoCipherSeeder = (
  manager: EntityManager,
  cipher: DataCipher,
  now: Date,
  regions: Map<string, RegionEntity>,
  organisations: Map<string, OrganisationEntity>,
  people: Map<string, SeededPerson>,
) => Promise<void>;

/** Where a community's row stands: the community itself and its street (regionId / streetId / communityId). */
export function communityPlace(community: RegionEntity): { regionId: string; streetId: string; communityId: string } {
  return { regionId: community.id, streetId: pathIds(community.path).at(-2)!, communityId: community.id };
}

/** The seeded livelihood project an update is about, as its ledger entry names it. */
export interface DemoProject {
  id: string;
  title: string;
  category: CommitmentCategory;
  community: RegionEntity;
  /** The organisation that took it, credited with the update. */
  organisationId: string;
  branchId: string | null;
  unitId: string;
}

/** A progress update of a seeded project and its ledger entry (民生实事进展), as ProjectsService writes them. */
export async function insertProjectUpdate(manager: EntityManager, project: DemoProject, update: { id?: string; percent: number; note: string; authorUserId: string; at: Date }): Promise<void> {
  const updateId = update.id ?? newId();
  await manager.insert(ProjectUpdateEntity, { id: updateId, projectId: project.id, percent: update.percent, note: update.note, authorUserId: update.authorUserId, createdAt: update.at });
  await manager.insert(LedgerEntryEntity, {
    id: newId(),
    memberId: null,
    organisationId: project.organisationId,
    kind: 'project_update',
    sourceType: 'project_update',
    sourceId: updateId,
    sequence: 0,
    valueYuan: 0,
    serviceMinutes: 0,
    description: `民生实事进展：${project.title}（${update.percent}%）`,
    communityId: project.community.id,
    streetId: pathIds(project.community.path).at(-2)!,
    category: project.category,
    branchId: project.branchId,
    unitId: project.unitId,
    correctsEntryId: null,
    reason: null,
    createdByUserId: null,
    occurredAt: update.at,
    createdAt: update.at,
  });
}
