/**
 * Where a notification leads, as a typed link the mini-program maps to one of its pages (the server knows no
 * page paths): a wish, a project, or a workbench list.
 */
export const LINK_KINDS = ['wish', 'project', 'dispatches', 'overdue', 'review', 'activity'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** Outbox rows: waiting, delivered, or given up after the last retry. */
export const OUTBOX_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
