import { randomUUID } from 'node:crypto';

/** App-generated ids: varchar(36) UUIDs on every database (see docs/architecture.md). */
export const newId = (): string => randomUUID();
