/**
 * Where a notification leads, as a typed link the mini-program maps to one of its pages (the server knows no
 * page paths): a wish, a project, an agreement, a member's report (`report`, id = the report) or a workbench list
 * (`report_review`: the secretary's review queue).
 */
export const LINK_KINDS = [
  'wish',
  'project',
  'dispatches',
  'overdue',
  'review',
  'pledge',
  'agreement',
  'registration',
  'registrations',
  'service_post',
  'post_shifts',
  'report',
  'report_review',
  'activity',
  'board',
] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** Outbox rows: waiting, delivered, or given up after the last retry. */
export const OUTBOX_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
