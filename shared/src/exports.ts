import { z } from 'zod';

const day = z
  .string({ error: '请选择导出的开始和结束日期' })
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 2026-01-01');

/**
 * An export's scope and period. The period is two calendar days in China time, both inclusive; the scope is a
 * region (street officials, committee admins) or an organisation (secretaries, org admins, committee admins), the
 * caller's own by default. The server checks that from ≤ to and the span (EXPORT_MAX_DAYS).
 */
export const ExportQuerySchema = z.object({
  from: day,
  to: day,
  regionId: z.string().trim().min(1).optional(),
  organisationId: z.string().trim().min(1).optional(),
});
export type ExportQuery = z.infer<typeof ExportQuerySchema>;
