import { z } from 'zod';
import { LINK_KINDS } from './constants/notifications';
import { pageOf } from './errors';

export const LinkSchema = z.object({ kind: z.enum(LINK_KINDS), id: z.string().nullable() });
export type Link = z.infer<typeof LinkSchema>;

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
