import type { Actor } from '../../common/workflow/actor';

export interface ProjectRef {
  id: string;
  title: string;
  communityId: string | null;
  streetId: string;
}

export interface ProjectProgressed {
  project: ProjectRef;
  updateId: string;
  organisationId: string;
  percent: number;
  actor: Actor;
  at: Date;
}

declare module '../../common/events/domain-events' {
  interface DomainEventMap {
    /** A claiming unit reported progress (the ledger credits the unit). */
    'project.progressed': ProjectProgressed;
  }
}
