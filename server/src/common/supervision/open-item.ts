import type { LinkKind, SupervisionActor, SupervisionItemKind } from '@nuancheng/shared';

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
