import { z } from 'zod';
import { pageOf } from './errors';

/**
 * Where a notification leads, as a typed link the mini-program maps to one of its pages (the server knows no
 * page paths): a wish, a project, or a workbench list.
 */
export const LINK_KINDS = ['wish', 'project', 'dispatches', 'overdue', 'review'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export const LinkSchema = z.object({ kind: z.enum(LINK_KINDS), id: z.string().nullable() });
export type Link = z.infer<typeof LinkSchema>;

/** Outbox rows: waiting, delivered, or given up after the last retry. */
export const OUTBOX_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

export const NotificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** What to open, e.g. `{ kind: 'wish', id }`; null for a message with nothing to open. */
  link: LinkSchema.nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof NotificationSchema>;
export const NotificationPageSchema = pageOf(NotificationSchema).extend({ unread: z.number() });
export type NotificationPage = z.infer<typeof NotificationPageSchema>;
