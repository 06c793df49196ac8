import type { LinkKind, SupervisionActor, SupervisionItemKind } from '@nuancheng/shared';
import { In, type FindOptionsOrder, type FindOptionsRelations, type FindOptionsWhere, type Repository } from 'typeorm';

/**
 * One open item as a module hands it to the supervision board (件件有着落): the module knows its own rows and
 * who acts on them; the board only gathers, names places and counts. `actorPlaceId` is the community or
 * organisation the actor acts for (its name is looked up once for all items).
 */
export interface OpenItem {
  kind: SupervisionItemKind;
  subjectId: string;
  title: string;
  communityId: string | null;
  streetId: string | null;
  since: Date;
  deadline: Date | null;
  overdue: boolean;
  actor: SupervisionActor;
  actorPlace: { kind: 'region' | 'organisation'; id: string } | null;
  link: { kind: LinkKind; id: string | null };
}

/** The streets a board covers, and its clock. */
export interface OpenItemScope {
  streetIds: string[];
  now: Date;
  /** Rows of one kind read at most (oldest first). */
  limit: number;
}

/** A row placed in a street (or one of its communities) that waits from the moment it was created, with no deadline of its own. */
interface WaitingRow {
  id: string;
  communityId: string | null;
  streetId: string;
  status: string;
  createdAt: Date;
}

/**
 * The board's items for one such table: the streets' rows in `status`, oldest first (as many as the board reads),
 * each overdue once it has waited `staleDays`; `describe` says what the item is and who acts on it.
 */
export async function waitingItems<T extends WaitingRow>(
  repository: Repository<T>,
  scope: OpenItemScope,
  query: { status: T['status']; relations?: FindOptionsRelations<T>; staleDays: number },
  describe: (row: T) => Pick<OpenItem, 'kind' | 'title' | 'actor' | 'actorPlace' | 'link'>,
): Promise<OpenItem[]> {
  if (!scope.streetIds.length) return [];
  const where: FindOptionsWhere<WaitingRow> = { streetId: In(scope.streetIds), status: query.status };
  const order: FindOptionsOrder<WaitingRow> = { createdAt: 'ASC', id: 'ASC' };
  // T has at least these columns; TypeORM's option types cannot see that through the type parameter.
  const rows = await repository.find({ where: where as FindOptionsWhere<T>, relations: query.relations, order: order as FindOptionsOrder<T>, take: scope.limit });
  const staleBefore = new Date(scope.now.getTime() - query.staleDays * 86_400_000);
  return rows.map((row) => ({ subjectId: row.id, communityId: row.communityId, streetId: row.streetId, since: row.createdAt, deadline: null, overdue: row.createdAt < staleBefore, ...describe(row) }));
}
