import { z } from 'zod';
export const HealthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.object({ status: z.enum(['up', 'down']), type: z.string(), latencyMs: z.number().nullable() }),
  version: z.string(),
  uptimeS: z.number(),
});
export type Health = z.infer<typeof HealthSchema>;
