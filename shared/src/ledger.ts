import { z } from 'zod';
import { LEDGER_KINDS } from './constants/ledger';
import { pageOf, PageQuerySchema } from './errors';

/** A half year (2026H1 = January–June, 2026H2 = July–December) or a whole year (2026). */
export const PeriodSchema = z
  .string()
  .trim()
  .regex(/^\d{4}(H[12])?$/, '时段格式应为 2026H1、2026H2 或 2026');

export const LedgerQuerySchema = PageQuerySchema.extend({ period: PeriodSchema.optional() });
export type LedgerQuery = z.infer<typeof LedgerQuerySchema>;

export const LedgerEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(LEDGER_KINDS),
  kindLabel: z.string(),
  minutes: z.number(),
  valueYuan: z.number(),
  description: z.string(),
  community: z.object({ id: z.string(), name: z.string() }).nullable(),
  street: z.object({ id: z.string(), name: z.string() }).nullable(),
  source: z.object({ type: z.string(), id: z.string() }),
  /** Set on a correction: the entry it negates, and why. */
  correctsEntryId: z.string().nullable(),
  reason: z.string().nullable(),
  /** True when a later correction negated this entry. */
  corrected: z.boolean(),
  occurredAt: z.string(),
});
export type LedgerEntry = z.infer<typeof LedgerEntrySchema>;

export const LedgerTotalsSchema = z.object({
  minutes: z.number(),
  valueYuan: z.number(),
  entries: z.number(),
  byKind: z.array(z.object({ kind: z.enum(LEDGER_KINDS), label: z.string(), minutes: z.number(), valueYuan: z.number(), entries: z.number() })),
});
export type LedgerTotals = z.infer<typeof LedgerTotalsSchema>;

export const LedgerPageSchema = pageOf(LedgerEntrySchema).extend({
  member: z.object({ id: z.string(), name: z.string() }).nullable(),
  period: z.object({ key: z.string(), label: z.string(), from: z.string(), to: z.string() }),
  /** Sums of the period's entries, corrections included. */
  totals: LedgerTotalsSchema,
});
export type LedgerPage = z.infer<typeof LedgerPageSchema>;

export const LedgerCorrectionSchema = z.object({
  reason: z.string().trim().min(4, '请写明更正原因（至少 4 个字）').max(200, '原因最多 200 个字'),
});
export type LedgerCorrection = z.infer<typeof LedgerCorrectionSchema>;
