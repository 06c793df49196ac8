/** Published by the users module, in the transaction that made the change. */
export interface UserPhoneBound {
  userId: string;
  phoneHash: string;
}

declare module '../../common/events/domain-events' {
  interface DomainEventMap {
    /** A user bound a phone: the members module links the matching roster row. */
    'user.phone_bound': UserPhoneBound;
  }
}
