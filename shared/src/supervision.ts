import { z } from 'zod';
import { SUPERVISION_ACTORS, SUPERVISION_ITEM_KINDS } from './constants/supervision';
import { LinkSchema } from './notifications';

export const BoardQuerySchema = z.object({
  /** A street, district or the city; without it, the caller's own (first) street or committee region. */
  regionId: z.string().trim().min(1).optional(),
});
export type BoardQuery = z.infer<typeof BoardQuerySchema>;

export const BoardItemSchema = z.object({
  kind: z.enum(SUPERVISION_ITEM_KINDS),
  label: z.string(),
  subjectId: z.string(),
  title: z.string(),
  community: z.object({ id: z.string(), name: z.string() }).nullable(),
  street: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Since when it waits (ISO). */
  since: z.string(),
  /** Its deadline (ISO), when it has one. */
  deadline: z.string().nullable(),
  overdue: z.boolean(),
  /** Who should act: the workbench, and the place or unit they act for. */
  actor: z.object({ role: z.enum(SUPERVISION_ACTORS), label: z.string(), name: z.string().nullable() }),
  link: LinkSchema,
});
export type BoardItem = z.infer<typeof BoardItemSchema>;

const countRow = <T extends z.ZodTypeAny>(key: T) => z.array(z.object({ key, label: z.string(), count: z.number() }));

export const BoardSchema = z.object({
  region: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  generatedAt: z.string(),
  total: z.number(),
  overdue: z.number(),
  byKind: countRow(z.enum(SUPERVISION_ITEM_KINDS)),
  byActor: countRow(z.enum(SUPERVISION_ACTORS)),
  items: z.array(BoardItemSchema),
});
export type Board = z.infer<typeof BoardSchema>;

/**
 * What waits for the caller on each of their workbenches (GET /api/me/todo-counts): for every role they hold
 * that acts on open items, the items whose actor is that role in a place they cover, counted by kind.
 */
export const TodoCountsSchema = z.object({
  generatedAt: z.string(),
  roles: z.array(
    z.object({
      role: z.enum(SUPERVISION_ACTORS),
      label: z.string(),
      total: z.number(),
      kinds: z.array(z.object({ kind: z.enum(SUPERVISION_ITEM_KINDS), label: z.string(), count: z.number() })),
    }),
  ),
});
export type TodoCounts = z.infer<typeof TodoCountsSchema>;
