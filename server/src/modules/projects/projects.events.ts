import type { CommitmentCategory } from '@nuancheng/shared';
import type { Actor } from '../../common/workflow/actor';

export interface ProjectRef {
  id: string;
  title: string;
  communityId: string | null;
  streetId: string;
  /** What the project delivers (资源清单 category), for the ledger's credit. */
  category: CommitmentCategory | null;
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
