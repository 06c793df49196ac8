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

/** 督导看板: a street, district or the city, for a calendar year (Beijing); the caller's own region by default. */
export const DashboardQuerySchema = z.object({
  regionId: z.string().trim().min(1).optional(),
  /** The calendar year the yearly figures cover (default: this year, to now). */
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export type DashboardQuery = z.infer<typeof DashboardQuerySchema>;

const keyCount = z.object({ key: z.string(), label: z.string(), count: z.number() });

export const DashboardReportPeriodSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** The deadline day (YYYY-MM-DD, Beijing). */
  deadline: z.string(),
  /** Members who served in the region in the period (from the ledger): those expected to report. */
  members: z.number(),
  submitted: z.number(),
  approved: z.number(),
  /** First submitted after the deadline, or not submitted once it passed. */
  late: z.number(),
  submissionRate: z.number(),
  approvalRate: z.number(),
  lateRate: z.number(),
});
export type DashboardReportPeriod = z.infer<typeof DashboardReportPeriodSchema>;

export const DashboardSchema = z.object({
  region: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  year: z.number(),
  /** The yearly window [from, to): 1 January (Beijing) to the next, or to now for this year. */
  from: z.string(),
  to: z.string(),
  generatedAt: z.string(),
  members: z.object({
    /** Members on the rosters who live in the region's communities. */
    onRoster: z.number(),
    /** Of them, registered (报到, confirmed) in a community anywhere. */
    residentsRegistered: z.number(),
    /** Members registered (confirmed) in the region's communities, wherever they live. */
    registered: z.number(),
  }),
  wishes: z.object({
    /** Wishes entered in the window, by state now. */
    byState: z.array(keyCount),
    total: z.number(),
    /** Median hours from publication to claim, over wishes claimed in the window (null: none). */
    medianHoursToClaim: z.number().nullable(),
    /** Median hours from claim to fulfilment, over wishes fulfilled in the window. */
    medianHoursToFulfil: z.number().nullable(),
    /** Now: published and unclaimed past the overdue days; claimed and past the claim deadline. */
    overdueUnclaimed: z.number(),
    overdueClaims: z.number(),
  }),
  activities: z.object({
    /** Activities that started in the window and were not cancelled. */
    held: z.number(),
    /** Check-ins at them. */
    attendances: z.number(),
    /** Net minutes served in the region's streets in the window (every kind of service, corrections applied). */
    minutes: z.number(),
    /** Members with service there in the window. */
    membersServed: z.number(),
    /** minutes / membersServed, rounded (0 when none). */
    minutesPerMember: z.number(),
  }),
  /** The current and the previous half year. */
  reports: z.array(DashboardReportPeriodSchema),
  agreements: z.object({
    inForce: z.number(),
    commitments: z.number(),
    /** Sum of the committed quantities of agreements in force. */
    committed: z.number(),
    /** Sum over their commitments of the services delivered so far, each capped at its quantity. */
    delivered: z.number(),
  }),
  /** Units by minutes served in the region in the window (at most 10). */
  ranking: z.array(z.object({ unitId: z.string(), name: z.string(), minutes: z.number(), services: z.number() })),
  /** The 12 months ending with the window's last month (Beijing). */
  monthly: z.array(z.object({ month: z.string(), wishesPosted: z.number(), wishesFulfilled: z.number(), minutes: z.number() })),
});
export type Dashboard = z.infer<typeof DashboardSchema>;
