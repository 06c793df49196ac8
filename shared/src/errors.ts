import { z } from 'zod';

/** Every error the API returns has this shape; `message` is Chinese and tells the user what to do. */
export const ApiErrorSchema = z.object({
  statusCode: z.number(),
  code: z.string(),
  message: z.string(),
  details: z.array(z.object({ path: z.string(), message: z.string() }).passthrough()).optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

export const PageQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
export type PageQuery = z.infer<typeof PageQuerySchema>;

/** The paging fields of a list query (up to 50 a page, 20 by default), spread last into its schema. */
export const pageQueryFields = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(50, '每页最多 50 条').default(20),
};
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** The response shape of every paged list: `{ items, total, page, pageSize }`. */
export const pageOf = <T extends z.ZodTypeAny>(item: T) => z.object({ items: z.array(item), total: z.number(), page: z.number(), pageSize: z.number() });
