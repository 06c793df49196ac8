import { z } from 'zod';
import { pageOf } from './errors';

export const NotificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  /** Page to open, e.g. /packages/wish/pages/detail/index?id=… */
  link: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Notification = z.infer<typeof NotificationSchema>;
export const NotificationPageSchema = pageOf(NotificationSchema).extend({ unread: z.number() });
export type NotificationPage = z.infer<typeof NotificationPageSchema>;
