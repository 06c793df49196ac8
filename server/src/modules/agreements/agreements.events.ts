import type { Actor } from '../../common/workflow/actor';

/** The facts about an agreement its subscribers need (names are public; no contact details). */
export interface AgreementRef {
  id: string;
  organisationId: string;
  organisationName: string;
  regionId: string;
  regionName: string;
  startDate: string;
  endDate: string;
}

/** Who is on each side now, so the subscriber can tell the other one. */
export interface AgreementSides {
  /** The proposer and the org admins of the signing organisation. */
  proposerSide: string[];
  /** The countersigner (once signed) and the officials or staff who may countersign. */
  counterpartySide: string[];
}

export interface AgreementChanged extends AgreementSides {
  agreement: AgreementRef;
  actor: Actor;
  note?: string | null;
}

export interface AgreementEndedEarly extends AgreementChanged {
  /** Which side ended it: the other is told. */
  by: 'proposer' | 'counterparty';
}

export interface AgreementExpiring extends AgreementSides {
  agreement: AgreementRef;
  daysLeft: number;
}

declare module '../../common/events/domain-events' {
  interface DomainEventMap {
    'agreement.proposed': AgreementChanged;
    'agreement.countersigned': AgreementChanged;
    'agreement.returned': AgreementChanged;
    'agreement.withdrawn': AgreementChanged;
    'agreement.ended_early': AgreementEndedEarly;
    'agreement.expired': AgreementChanged;
    'agreement.expiring': AgreementExpiring;
  }
}
