import type { Actor } from '../../common/workflow/actor';

/** The facts about a registration every subscriber needs. */
export interface RegistrationRef {
  id: string;
  memberId: string;
  /** The member's user (who is told of a decision); null when the roster row is not linked to a user. */
  memberUserId: string | null;
  communityId: string;
  communityName: string;
  streetId: string;
}

export interface RegistrationChanged {
  registration: RegistrationRef;
  actor: Actor;
  note?: string | null;
}

export interface RegistrationConfirmed extends RegistrationChanged {
  /** The member's previous active registration, ended by this one (a change of community). */
  ended: RegistrationRef | null;
}

declare module '../../common/events/domain-events' {
  interface DomainEventMap {
    'registration.requested': RegistrationChanged;
    'registration.confirmed': RegistrationConfirmed;
    'registration.rejected': RegistrationChanged;
    'registration.cancelled': RegistrationChanged;
    'registration.withdrawn': RegistrationChanged;
  }
}
