import { Injectable } from '@nestjs/common';
import { SUPERVISION_ACTOR_LABELS, SUPERVISION_ACTORS, SUPERVISION_ITEM_KINDS, SUPERVISION_ITEM_LABELS, type SupervisionActor, type TodoCounts } from '@nuancheng/shared';
import type { Principal, PrincipalAssignment } from '../../common/access/principal';
import { Clock } from '../../common/clock';
import type { OpenItem } from '../../common/supervision/open-item';
import { isWithin } from '../../common/tree/materialised-path';
import { OrganisationsService } from '../organisations/organisations.service';
import { RegionsService } from '../regions/regions.service';
import { SupervisionService } from './supervision.service';

/**
 * Rows of one kind read at most for the counts. The board shows the oldest SUPERVISION_ITEMS_PER_KIND; a
 * workbench needs the exact number, and a city's open items of one kind stay well below this.
 */
export const TODO_COUNT_LIMIT = 5000;

/** The workbenches that act on open items (a claimant's late claim shows on their own claims, not here). */
const WORKBENCH_ROLES = SUPERVISION_ACTORS.filter((r): r is Exclude<SupervisionActor, 'member'> => r !== 'member');

/**
 * 待办 on each workbench: the same open items as the 件件有着落 board (gathered from the owning modules), kept
 * when their actor is one of the caller's roles in a place that role covers. Scope comes from the caller's own
 * assignments only, so nobody can ask about another's places.
 */
@Injectable()
export class TodoCountsService {
  constructor(
    private readonly supervision: SupervisionService,
    private readonly regions: RegionsService,
    private readonly organisations: OrganisationsService,
    private readonly clock: Clock,
  ) {}

  async forPrincipal(principal: Principal): Promise<TodoCounts> {
    const now = this.clock.now();
    const assignments = principal.assignments.filter((a) => (WORKBENCH_ROLES as readonly string[]).includes(a.role) && a.scopeKind && a.scopePath);
    if (!assignments.length) return { generatedAt: now.toISOString(), roles: [] };
    const streetIds = await this.streetsFor(assignments);
    const items = streetIds.length ? await this.supervision.gather({ streetIds, now, limit: TODO_COUNT_LIMIT }) : [];
    const mine = await this.keepMine(items, assignments);
    const roles = WORKBENCH_ROLES.filter((role) => assignments.some((a) => a.role === role)).map((role) => {
      const ofRole = mine.filter((i) => i.actor === role);
      return {
        role,
        label: SUPERVISION_ACTOR_LABELS[role],
        total: ofRole.length,
        kinds: SUPERVISION_ITEM_KINDS.map((kind) => ({ kind, label: SUPERVISION_ITEM_LABELS[kind], count: ofRole.filter((i) => i.kind === kind).length })).filter((k) => k.count > 0),
      };
    });
    return { generatedAt: now.toISOString(), roles };
  }

  /** Region roles: the streets they cover (a community's own street); organisation roles: every street (their work can be anywhere). */
  private async streetsFor(assignments: PrincipalAssignment[]): Promise<string[]> {
    if (assignments.some((a) => a.scopeKind === 'organisation')) return (await this.regions.allStreets()).map((s) => s.id);
    const nodes = await this.regions.nodesOf(assignments.map((a) => a.scopeId!).filter(Boolean));
    return (await this.regions.streetsTouching([...nodes.values()])).map((s) => s.id);
  }

  private async keepMine(items: OpenItem[], assignments: PrincipalAssignment[]): Promise<OpenItem[]> {
    const regionIds = items.flatMap((i) => [i.actorPlace?.kind === 'region' ? i.actorPlace.id : null, i.actorPlace ? null : i.streetId]).filter((id): id is string => !!id);
    const orgIds = items.map((i) => (i.actorPlace?.kind === 'organisation' ? i.actorPlace.id : null)).filter((id): id is string => !!id);
    const [regions, orgs] = await Promise.all([this.regions.nodesOf(regionIds), this.organisations.nodesOf(orgIds)]);
    const pathOf = (i: OpenItem): { kind: 'region' | 'organisation'; path: string } | null => {
      if (i.actorPlace?.kind === 'organisation') {
        const o = orgs.get(i.actorPlace.id);
        return o ? { kind: 'organisation', path: o.path } : null;
      }
      // An item without a place (escalated to the committee) is placed by its street.
      const r = regions.get(i.actorPlace?.id ?? i.streetId ?? '');
      return r ? { kind: 'region', path: r.path } : null;
    };
    return items.filter((i) => {
      const place = pathOf(i);
      return !!place && assignments.some((a) => a.role === i.actor && a.scopeKind === place.kind && isWithin(place.path, a.scopePath!));
    });
  }
}
